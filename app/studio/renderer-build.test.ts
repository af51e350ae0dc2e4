import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, rendererBuildIsCurrent } from './renderer-build.ts';

describe('renderer build staleness', () => {
  let root: string | undefined;
  afterEach(() => root && rmSync(root, { recursive: true, force: true }));

  function project(): string {
    root = mkdtempSync(join(tmpdir(), 'fluo-build-'));
    for (const folder of ['renderer/src', 'renderer/dist', 'app/rpc', 'app/document', 'engine/catalog']) mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, 'renderer/src/app.tsx'), 'export {}');
    writeFileSync(join(root, 'app/document/validate.ts'), 'export {}');
    writeFileSync(join(root, 'app/document/validate.test.ts'), 'export {}');
    writeFileSync(join(root, 'renderer/dist/index.html'), '<!doctype html>');
    return root;
  }

  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it('is current when the build is newer than every source, stale when a source (not a test) is newer', () => {
    const dir = project();
    for (const file of ['renderer/src/app.tsx', 'app/document/validate.ts', 'app/document/validate.test.ts']) at(join(dir, file), 1000);
    at(join(dir, 'renderer/dist/index.html'), 2000);
    expect(rendererBuildIsCurrent(dir)).toBe(true);
    at(join(dir, 'app/document/validate.test.ts'), 3000);
    expect(rendererBuildIsCurrent(dir)).toBe(true);
    at(join(dir, 'app/document/validate.ts'), 3000);
    expect(rendererBuildIsCurrent(dir)).toBe(false);
  });

  it('is stale without a build, and keeps an existing build when it cannot rebuild', async () => {
    const dir = project();
    at(join(dir, 'renderer/dist/index.html'), 1000);
    at(join(dir, 'renderer/src/app.tsx'), 2000);
    expect(rendererBuildIsCurrent(dir)).toBe(false);
    // No vite.config.ts here (a packaged app): the build that is there is served.
    expect(await ensureRendererBuilt({ root: dir })).toBe(join(dir, 'renderer/dist'));
    rmSync(join(dir, 'renderer/dist'), { recursive: true });
    await expect(ensureRendererBuilt({ root: dir })).rejects.toThrow(/not built and cannot be/);
  });
});
