/** Messages between a frame analysis service (event loop) and one of its workers. */

export type ToWorker<P> = { type: 'job'; id: number; data: ArrayBuffer; width: number; height: number; params: P } | { type: 'close' };

export type FromWorker<O> =
  /** `description` is what the worker runs on (e.g. the TensorFlow.js backend). */
  | { type: 'ready'; description: string; info?: Record<string, unknown> }
  | { type: 'failed'; message: string }
  /** `data` comes back for reuse. */
  | { type: 'result'; id: number; output: O; ms: number; data: ArrayBuffer }
  | { type: 'error'; id: number; message: string; data: ArrayBuffer };
