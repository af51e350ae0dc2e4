/**
 * The process-wide analysis services the filters share (face detection, code scanning): started
 * by the first filter that needs one, closed (workers terminated) when the last lets go, so an
 * idle engine holds no model in memory and a test leaves no worker behind.
 */
import { CodeScannerService, type ScanResult, type ScanSession } from './code-scanner-service.ts';
import { FaceDetectionService, type DetectionSession, type DetectParams, type FaceDetectionOptions } from './face-detection-service.ts';
import type { Detection } from './face.ts';
import type { AnalysisSession, FrameAnalysisService, SessionOptions } from './frame-analysis-service.ts';

let faceSettings: FaceDetectionOptions = {};
let faces: FaceDetectionService | undefined;
let codes: CodeScannerService | undefined;

/** Settings for the next shared face detection service (model path, workers); a running one is kept. */
export function configureFaceDetection(options: FaceDetectionOptions): void {
  faceSettings = { ...options };
}

/** The running shared face detection service, if any (backend property, bench). */
export function sharedFaceDetection(): FaceDetectionService | undefined {
  return faces;
}

/** Opens a session whose close() stops the service when it was the last one. */
function openShared<P, O, R>(service: FrameAnalysisService<P, O, R>, options: SessionOptions<P, R>, forget: () => void): AnalysisSession<P, R> {
  const session = service.open(options);
  const close = session.close.bind(session);
  session.close = () => {
    close();
    if (service.sessionCount === 0) {
      forget();
      void service.close();
    }
  };
  return session;
}

export function openDetectionSession(options: SessionOptions<DetectParams, Detection>): DetectionSession {
  const service = (faces ??= new FaceDetectionService(faceSettings));
  return openShared(service, options, () => {
    if (faces === service) faces = undefined;
  });
}

export function openScanSession(options: SessionOptions<Record<string, never>, ScanResult>): ScanSession {
  const service = (codes ??= new CodeScannerService());
  return openShared(service, options, () => {
    if (codes === service) codes = undefined;
  });
}
