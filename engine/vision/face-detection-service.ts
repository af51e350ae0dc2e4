/**
 * Face detection as a frame analysis service: frames are downscaled to RGB with the longer side
 * 256 (BlazeFace's input) and analysed by detector workers; faces come back in frame pixels.
 */
import { BLAZEFACE_INPUT } from './blazeface-decode.ts';
import type { DetectParams, DetectorInit } from './detector-worker.ts';
import { scaleFace, type Detection, type Face } from './face.ts';
import { FrameAnalysisService, type AnalysisKind, type AnalysisSession, type ServiceSettings } from './frame-analysis-service.ts';
import type { TfBackendName } from './tf-backend.ts';

export type { DetectParams } from './detector-worker.ts';
export type DetectionSession = AnalysisSession<DetectParams, Detection>;
export type FaceDetectionOptions = ServiceSettings & DetectorInit;

function detectorKind(init: DetectorInit): AnalysisKind<Face[], Detection> {
  return {
    name: 'face detector',
    module: new URL('./detector-worker.ts', import.meta.url),
    init,
    bufferBytes: BLAZEFACE_INPUT * BLAZEFACE_INPUT * 3,
    prepare: async (converter, frame) => {
      const fit = BLAZEFACE_INPUT / Math.max(frame.width, frame.height);
      const width = Math.max(2, Math.round((frame.width * fit) / 2) * 2);
      const height = Math.max(2, Math.round((frame.height * fit) / 2) * 2);
      return { data: await converter.toBuffer(frame, { width, height, format: 'rgb' }), width, height };
    },
    finish: (faces, job) => ({
      faces: faces.map((f) => scaleFace(f, job.frameWidth / job.width, job.frameHeight / job.height)),
      timestampUs: job.timestampUs,
      frameWidth: job.frameWidth,
      frameHeight: job.frameHeight,
      inferenceMs: job.ms,
    }),
  };
}

export class FaceDetectionService extends FrameAnalysisService<DetectParams, Face[], Detection> {
  constructor(options: FaceDetectionOptions = {}) {
    super(detectorKind({ modelPath: options.modelPath, prefer: options.prefer }), options);
  }

  /** Which TensorFlow.js backend the workers use, once ready. */
  get backend(): TfBackendName | undefined {
    return this.info.backend as TfBackendName | undefined;
  }

  get backendDescription(): string | undefined {
    return this.description && `TensorFlow.js ${this.description}`;
  }
}
