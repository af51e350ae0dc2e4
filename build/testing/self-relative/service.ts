// Test fixture for build/bundle-host.ts, shaped like engine/vision: a worker module reached through
// `new URL(..., import.meta.url)` and started by a tsx launcher, and a data file found from
// import.meta.dirname. Run as sources (tsx) and as a bundle, it must answer the same.
import path from 'node:path';
import { Worker } from 'node:worker_threads';

const LAUNCHER = new URL('./launcher.js', import.meta.url);
export const DATA_FILE = path.join(import.meta.dirname, 'data.txt');

export function askWorker(): Promise<string> {
  const worker = new Worker(LAUNCHER, { workerData: { module: new URL('./worker.ts', import.meta.url).href, dataFile: DATA_FILE } });
  return new Promise((resolve, reject) => {
    worker.once('message', (answer: string) => {
      void worker.terminate();
      resolve(answer);
    });
    worker.once('error', reject);
  });
}
