/**
 * Picks the TensorFlow.js backend for the detector: the native `@tensorflow/tfjs-node` when it is
 * installed (an optional dependency whose install downloads libtensorflow, so it is usually
 * absent), else the WebAssembly backend with SIMD, its .wasm files read from the package folder
 * on disk. tfjs-backend-wasm 4.22 turns multithreading off under Node (tfjs issue 3830), so the
 * wasm backend runs on one thread; parallelism comes from detector workers instead.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tfCore from '@tensorflow/tfjs-core';
import * as converter from '@tensorflow/tfjs-converter';

export type TfBackendName = 'tensorflow' | 'wasm';

export interface TfRuntime {
  tf: typeof tfCore;
  loadGraphModel: typeof converter.loadGraphModel;
  backend: TfBackendName;
  /** For the log line and the bench: e.g. "wasm (SIMD, 1 thread)". */
  description: string;
}

const require = createRequire(import.meta.url);

/** Folder holding tfjs-backend-wasm's .wasm binaries (its dist folder), with a trailing slash. */
export function wasmBinaryFolder(): string {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')) + path.sep;
}

async function tryNative(): Promise<TfRuntime | undefined> {
  // A variable specifier keeps TypeScript and bundlers from requiring the optional package.
  const specifier = '@tensorflow/tfjs-node';
  try {
    const native = (await import(specifier)) as typeof tfCore & { loadGraphModel: typeof converter.loadGraphModel };
    await native.setBackend('tensorflow');
    await native.ready();
    return { tf: native, loadGraphModel: native.loadGraphModel, backend: 'tensorflow', description: 'tensorflow (tfjs-node, native)' };
  } catch {
    return undefined;
  }
}

async function useWasm(): Promise<TfRuntime> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(wasmBinaryFolder());
  if (!(await tfCore.setBackend('wasm'))) throw new Error('the TensorFlow.js wasm backend failed to start');
  await tfCore.ready();
  const simd = await tfCore.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = wasm.getThreadsCount();
  return {
    tf: tfCore,
    loadGraphModel: converter.loadGraphModel,
    backend: 'wasm',
    description: `wasm (${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'})`,
  };
}

let runtime: Promise<TfRuntime> | undefined;

/** The process-wide (per worker) runtime, started once. `prefer: 'wasm'` skips the native try (bench). */
export function tensorflowRuntime(prefer?: TfBackendName): Promise<TfRuntime> {
  runtime ??= (async () => (prefer === 'wasm' ? undefined : await tryNative()) ?? (await useWasm()))();
  return runtime;
}
