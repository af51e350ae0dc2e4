// Entry of the detector worker: the sources are TypeScript, run through tsx's loader (as
// app/host/entry.js does for the engine host), whoever started the parent (tsx, vitest, Electron).
import { register } from 'tsx/esm/api';

register();
await import('./detector-worker.ts');
