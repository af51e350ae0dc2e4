// Like engine/vision/worker-entry.js: loads the worker module named in workerData through tsx.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
