// What `npm run dist` and build/check-packaging.js share: where things are, the validated
// electron-builder configuration, and preparing the app folder the packager reads.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as AppBuilderConfig from 'app-builder-lib/out/util/config/config.js';
import type * as BuilderUtil from 'builder-util';
import type { Configuration } from 'electron-builder';
import { bundleHost } from './bundle-host.ts';

export const root = path.resolve(import.meta.dirname, '..');
export const configFile = path.join(root, 'build', 'electron-builder.yml');

/** Loads build/electron-builder.yml the way electron-builder does and validates it against its schema (throws when invalid). */
export async function loadAndValidateConfig(file = configFile): Promise<Configuration> {
  // app-builder-lib (electron-builder's engine) does not export these from its main module.
  const require = createRequire(import.meta.url);
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as typeof AppBuilderConfig;
  const { DebugLogger } = require('builder-util') as typeof BuilderUtil;
  const config = await getConfig(root, file, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

/**
 * main/dist (tsc), main/dist/host-process.mjs (esbuild), renderer/dist (the editor's vite build).
 * With allowMissingEditor, an editor build failure is logged instead of thrown (the packaging check
 * still exercises everything else, and reports the editor as missing).
 */
export async function prepareApp(log: (line: string) => void = (line) => console.log(line), { allowMissingEditor = false } = {}): Promise<void> {
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'main/tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) throw new Error(`main/ did not compile:\n${tsc.stdout}${tsc.stderr}`);
  log('main/dist compiled (tsc -p main/tsconfig.build.json)');
  const host = await bundleHost();
  log(`engine host bundled: ${path.relative(root, host.outfile)} (${host.inputs} sources)`);
  const { ensureRendererBuilt } = await import('../app/studio/renderer-build.ts');
  try {
    const dist = await ensureRendererBuilt({ log: (line) => log(line.trimEnd()) });
    log(`editor built: ${path.relative(root, dist)}`);
  } catch (error) {
    if (!allowMissingEditor) throw error;
    log(`editor NOT built: ${String((error as Error).message).split('\n')[0]}`);
  }
}
