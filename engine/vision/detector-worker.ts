/**
 * The detector worker: owns TensorFlow.js and the BlazeFace model, and answers one detect
 * request at a time. It lives off the event loop that handles control messages and media, so
 * a slow inference lowers the detection rate, never the video frame rate.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BlazeFaceModel } from './blazeface-model.ts';
import type { DetectorInit, FromWorker, ToWorker } from './detector-protocol.ts';
import { tensorflowRuntime } from './tf-backend.ts';

const port = parentPort;
if (!port) throw new Error('detector-worker.ts runs inside a worker_threads Worker');
const send = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
const init = (workerData ?? {}) as DetectorInit;

try {
  const runtime = await tensorflowRuntime(init.prefer);
  const model = await BlazeFaceModel.load(runtime, init.modelPath);
  port.on('message', (message: ToWorker) => {
    if (message.type === 'close') {
      model.dispose();
      port.close();
      return;
    }
    const started = performance.now();
    try {
      const faces = model.detect(new Uint8Array(message.rgb, 0, message.width * message.height * 3), message.width, message.height, {
        minScore: message.minScore,
        iouThreshold: 0.3,
        maxFaces: message.maxFaces,
      });
      send({ type: 'result', id: message.id, faces, inferenceMs: performance.now() - started, rgb: message.rgb }, [message.rgb]);
    } catch (error) {
      send({ type: 'error', id: message.id, message: (error as Error).message, rgb: message.rgb }, [message.rgb]);
    }
  });
  send({ type: 'ready', backend: runtime.backend, description: runtime.description });
} catch (error) {
  send({ type: 'failed', message: (error as Error).message });
}
