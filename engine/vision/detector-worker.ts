/**
 * The face detector worker: owns TensorFlow.js and the BlazeFace model. It lives off the event
 * loop that handles control messages and media, so a slow inference lowers the detection rate,
 * never the video frame rate.
 */
import { BlazeFaceModel } from './blazeface-model.ts';
import type { Face } from './face.ts';
import { serveFrames } from './frame-worker.ts';
import { tensorflowRuntime, type TfBackendName } from './tf-backend.ts';

export interface DetectorInit {
  modelPath?: string;
  /** 'wasm' skips the native backend (bench comparisons). */
  prefer?: TfBackendName;
}

export interface DetectParams {
  minScore: number;
  maxFaces: number;
}

await serveFrames<DetectParams, Face[]>(async (init) => {
  const { modelPath, prefer } = (init ?? {}) as DetectorInit;
  const runtime = await tensorflowRuntime(prefer);
  const model = await BlazeFaceModel.load(runtime, modelPath);
  return {
    description: runtime.description,
    info: { backend: runtime.backend },
    analyse: (rgb, width, height, params) => model.detect(rgb, width, height, { ...params, iouThreshold: 0.3 }),
    close: () => model.dispose(),
  };
});
