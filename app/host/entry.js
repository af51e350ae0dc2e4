// Entry of the engine host process in development and tests: sources are TypeScript, run through
// tsx's loader (as bin/fluo.js does). The packaged app runs the esbuild bundle of host-process.ts
// instead (build/bundle-host.ts), because tsx cannot load sources from inside an asar archive.
import { register } from 'tsx/esm/api';

register();
await import('./host-process.ts');
