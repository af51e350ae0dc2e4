import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { dataFile } = workerData as { dataFile: string };
parentPort?.postMessage(`worker read: ${readFileSync(dataFile, 'utf8').trim()}`);
