/** Messages between the face detection service (event loop) and its detector worker. */
import type { Face } from './face.ts';
import type { TfBackendName } from './tf-backend.ts';

export interface DetectorInit {
  modelPath?: string;
  /** 'wasm' skips the native backend (bench comparisons). */
  prefer?: TfBackendName;
}

export type ToWorker =
  | { type: 'detect'; id: number; rgb: ArrayBuffer; width: number; height: number; minScore: number; maxFaces: number }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; backend: TfBackendName; description: string }
  | { type: 'failed'; message: string }
  /** Faces in the pixels of the image sent; `rgb` comes back for reuse. */
  | { type: 'result'; id: number; faces: Face[]; inferenceMs: number; rgb: ArrayBuffer }
  | { type: 'error'; id: number; message: string; rgb: ArrayBuffer };
