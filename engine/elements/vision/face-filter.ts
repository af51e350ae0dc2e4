/**
 * Base of the filters that act on faces: every frame is offered to the shared face detection
 * service (it analyses the newest one whenever a worker is free) and detections feed a tracker,
 * so each frame is drawn with faces smoothed and extrapolated to its own timestamp.
 */
import type { RawVideoUnit } from '../../media/media-unit.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import type { DetectionSession } from '../../vision/face-detection-service.ts';
import type { Detection, Face } from '../../vision/face.ts';
import { FaceTracker } from '../../vision/face-tracker.ts';
import { openDetectionSession, sharedFaceDetection } from '../../vision/shared-services.ts';
import { VideoFilterElement } from './video-filter.ts';

export abstract class FaceFilterElement extends VideoFilterElement {
  private session: DetectionSession | undefined;
  protected readonly tracker = new FaceTracker();

  constructor(type: string, pipeline: MediaPipeline, params: Record<string, unknown>) {
    super(type, pipeline, params);
  }

  /** Offers the frame for detection and returns the tracked faces at its timestamp. */
  protected facesFor(unit: RawVideoUnit): Face[] {
    this.session ??= openDetectionSession({
      params: () => ({ minScore: this.minScore(), maxFaces: 8 }),
      onResult: (detection) => {
        if (this.released) return;
        this.tracker.update(detection);
        this.onDetection(detection);
      },
      onError: (message) => this.reportOnce(message, 'MEDIA_OBJECT_NOT_AVAILABLE'),
    });
    this.session.offer(unit.frame, unit.timestampUs);
    return this.tracker.facesAt(unit.timestampUs);
  }

  /** The TensorFlow.js backend the face detector runs on (e.g. "TensorFlow.js wasm (SIMD, 1 thread)"), once it is ready. */
  get detectorBackend(): string | undefined {
    return this.session ? sharedFaceDetection()?.backendDescription : undefined;
  }

  /** Lowest detector score accepted. */
  protected minScore(): number {
    return 0.5;
  }

  /** Every raw detection result (FaceDetectorFilter turns them into events). */
  protected onDetection(_detection: Detection): void {}

  protected override onRelease(): void {
    super.onRelease();
    this.session?.close();
    this.session = undefined;
  }
}
