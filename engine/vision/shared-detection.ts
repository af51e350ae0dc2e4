/**
 * The process-wide face detection service the filters share: started by the first filter that
 * needs it, closed (workers terminated) when the last one lets go, so an idle engine holds no
 * model in memory and a test leaves no worker behind.
 */
import { FaceDetectionService, type DetectionSession, type ServiceOptions, type SessionOptions } from './face-detection-service.ts';

let settings: ServiceOptions = {};
let shared: FaceDetectionService | undefined;

/** Settings for the next shared service (model path, workers); the running one is not changed. */
export function configureFaceDetection(options: ServiceOptions): void {
  settings = { ...options };
}

/** The running shared service, if any (for the backend property and the bench). */
export function sharedFaceDetection(): FaceDetectionService | undefined {
  return shared;
}

/** Opens a detection session on the shared service; closing the session may stop the service. */
export function openDetectionSession(options: SessionOptions): DetectionSession {
  const service = (shared ??= new FaceDetectionService(settings));
  const session = service.open(options);
  const close = session.close.bind(session);
  session.close = () => {
    close();
    if (service.sessionCount === 0 && shared === service) {
      shared = undefined;
      void service.close();
    }
  };
  return session;
}
