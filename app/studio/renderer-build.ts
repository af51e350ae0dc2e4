/**
 * The renderer's production build (vite): made on demand when missing or older than its
 * sources, so `fluo serve` and `npm start` always serve the current editor. Built into a
 * temporary folder and swapped in, so a server never sees a half-written build.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InlineConfig } from 'vite';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const RENDERER_DIST = join(PROJECT_ROOT, 'renderer', 'dist');

/** Everything the renderer bundle is made of: its own code and the shared modules it imports. */
const SOURCE_FOLDERS = ['renderer', 'app/rpc', 'app/document', 'engine/catalog'];
const SOURCE_FILES = ['package-lock.json', 'app/studio/renderer-build.ts'];

function newestSourceTime(root: string): number {
  let newest = 0;
  const visit = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== 'dist' && name !== 'node_modules' && !name.startsWith('dist.')) visit(join(path, name));
    } else if (!path.endsWith('.test.ts')) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const folder of SOURCE_FOLDERS) visit(join(root, folder));
  for (const file of SOURCE_FILES) visit(join(root, file));
  return newest;
}

export function rendererBuildIsCurrent(root = PROJECT_ROOT): boolean {
  const index = statSync(join(root, 'renderer', 'dist', 'index.html'), { throwIfNoEntry: false });
  return index !== undefined && index.mtimeMs >= newestSourceTime(root);
}

/** Builds the renderer if needed; returns the folder to serve. Throws with vite's message when the build fails. */
export async function ensureRendererBuilt(options: { root?: string; force?: boolean; log?: (line: string) => void } = {}): Promise<string> {
  const root = options.root ?? PROJECT_ROOT;
  const dist = join(root, 'renderer', 'dist');
  if (!options.force && rendererBuildIsCurrent(root)) return dist;
  const configFile = join(root, 'renderer', 'vite.config.ts');
  if (!existsSync(configFile)) {
    if (existsSync(join(dist, 'index.html'))) return dist;
    throw new Error(`The editor is not built and cannot be: ${configFile} is missing`);
  }
  let build: (config: InlineConfig) => Promise<unknown>;
  try {
    ({ build } = await import('vite'));
  } catch {
    if (existsSync(join(dist, 'index.html'))) return dist;
    throw new Error('The editor is not built and vite is not installed (run npm install)');
  }
  options.log?.('Building the editor (vite)...\n');
  const temporary = `${dist}.${process.pid}.${Date.now()}`;
  // Vite picks React's development build and dev JSX when NODE_ENV says so (vitest sets 'test',
  // which child processes inherit): the editor is always built for production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile, mode: 'production', logLevel: 'warn', build: { outDir: temporary, emptyOutDir: true } });
    try {
      rmSync(dist, { recursive: true, force: true });
      renameSync(temporary, dist);
    } catch (error) {
      // Another process built and swapped in at the same moment: its build is as good as ours.
      if (!existsSync(join(dist, 'index.html'))) throw error;
    }
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(temporary, { recursive: true, force: true });
  }
  return dist;
}
