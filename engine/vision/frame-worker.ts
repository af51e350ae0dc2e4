/**
 * The worker side of a frame analysis service: sets up an analyser from workerData, then answers
 * one job at a time, handing each input buffer back with the result (transferred, not copied).
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './frame-worker-protocol.ts';

/**
 * Analysis runs below everything the video needs: the event loop (nice 0) and the codec threads
 * (nice 10, engine/media/thread-priority.ts). A detector is never idle while video comes (it takes
 * the newest frame as soon as it is free), so at the codecs' priority it takes CPU the decoders and
 * encoders need on a busy machine; below them it gets what they leave: fewer detections, not fewer
 * frames. Set once at start: the engine's thread-priority pass only ever lowers a thread.
 */
const ANALYSIS_NICE = 19;

function stayBelowVideo(): void {
  // Linux only: a thread's nice value is its own there; elsewhere this would renice the whole process.
  if (process.platform !== 'linux') return;
  try {
    setPriority(ANALYSIS_NICE);
  } catch {
    // Not permitted: the worker keeps its priority.
  }
}

export interface Analyser<P, O> {
  description: string;
  info?: Record<string, unknown>;
  analyse(data: Uint8Array, width: number, height: number, params: P): O | Promise<O>;
  close?(): void;
}

export async function serveFrames<P, O>(setup: (init: unknown) => Promise<Analyser<P, O>>): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('a frame worker runs inside a worker_threads Worker');
  const send = (message: FromWorker<O>, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  stayBelowVideo();
  let analyser: Analyser<P, O>;
  try {
    analyser = await setup((workerData as { init?: unknown } | undefined)?.init);
  } catch (error) {
    send({ type: 'failed', message: (error as Error).message });
    return;
  }
  port.on('message', async (message: ToWorker<P>) => {
    if (message.type === 'close') {
      analyser.close?.();
      port.close();
      return;
    }
    const started = performance.now();
    try {
      const output = await analyser.analyse(new Uint8Array(message.data), message.width, message.height, message.params);
      send({ type: 'result', id: message.id, output, ms: performance.now() - started, data: message.data }, [message.data]);
    } catch (error) {
      send({ type: 'error', id: message.id, message: (error as Error).message, data: message.data }, [message.data]);
    }
  });
  send({ type: 'ready', description: analyser.description, ...(analyser.info ? { info: analyser.info } : {}) });
}
