import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppRequestHandler, resolveAppFile } from './app-protocol.ts';

const root = mkdtempSync(path.join(tmpdir(), 'fluo-renderer-'));
mkdirSync(path.join(root, 'assets'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html><script type="module" src="assets/app.js"></script>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(path.dirname(root), 'fluo-secret.txt'), 'secret');
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(path.join(path.dirname(root), 'fluo-secret.txt'), { force: true });
});

describe('fluo:// protocol handler', () => {
  const handle = createAppRequestHandler(root);

  it('serves the built editor with content types', async () => {
    const page = await handle(new Request('fluo://app/'));
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('assets/app.js');
    const script = await handle(new Request('fluo://app/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves files outside the build folder or for other hosts', async () => {
    // The URL parser folds %2e%2e segments away: the path stays inside the build folder.
    expect(resolveAppFile('fluo://app/%2e%2e/fluo-secret.txt', root)).toBe(path.join(root, 'fluo-secret.txt'));
    expect(resolveAppFile('fluo://app/..%2Ffluo-secret.txt', root)).toBeUndefined();
    expect(resolveAppFile('fluo://other/index.html', root)).toBeUndefined();
    expect(resolveAppFile('file:///etc/passwd', root)).toBeUndefined();
    expect((await handle(new Request('fluo://app/..%2Ffluo-secret.txt'))).status).toBe(404);
    expect((await handle(new Request('fluo://app/missing.js'))).status).toBe(404);
    expect((await handle(new Request('fluo://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
