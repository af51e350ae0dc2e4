// Entry of the vision workers: the sources are TypeScript, run through tsx's loader (as
// app/host/entry.js does for the engine host), whoever started the parent (tsx, vitest, the host).
// workerData.module names the worker module to run.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
