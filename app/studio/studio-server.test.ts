import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StudioEvent } from '../rpc/api.ts';
import { RpcClient, webSocketChannel } from '../rpc/client.ts';
import { GraphStore } from '../store/graph-store.ts';
import { builtinTemplates } from '../templates/index.ts';
import { startStudioServer, type StudioServer } from './studio-server.ts';

/** A raw GET (fetch cannot send a foreign Host header or an unnormalised path). */
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('studio server', () => {
  let server: StudioServer | undefined;
  let store: GraphStore | undefined;
  let folder: string | undefined;
  afterEach(async () => {
    await server?.close();
    store?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  async function start(): Promise<StudioServer> {
    folder = mkdtempSync(join(tmpdir(), 'fluo-studio-server-'));
    const dist = join(folder, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Fluo</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(folder, 'secret.txt'), 'not for the page');
    store = GraphStore.open({ path: ':memory:', templates: builtinTemplates() });
    server = await startStudioServer({ store, distDir: dist, token: 'tok-123' });
    return server;
  }

  it('serves the page only with the token, assets without it, nothing outside the build', async () => {
    const { port, url } = await start();
    expect(url).toBe(`http://127.0.0.1:${port}/?token=tok-123`);
    expect((await get(port, '/')).status).toBe(403);
    const page = await get(port, '/?token=tok-123');
    expect(page).toMatchObject({ status: 200, body: '<!doctype html><title>Fluo</title>' });
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`);
    expect(await get(port, '/assets/app.js')).toMatchObject({ status: 200, body: 'console.log(1)', headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    expect((await get(port, '/../secret.txt')).status).toBe(404);
    expect((await get(port, '/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get(port, '/assets/missing.js')).status).toBe(404);
    expect((await get(port, '/?token=tok-123', { Host: `evil.example:${port}` })).status).toBe(403);
    expect((await get(port, '/assets/app.js', {}, 'POST')).status).toBe(405);
  });

  it('answers the RPC over WebSocket and pushes studio events', async () => {
    const { port } = await start();
    const client = new RpcClient(webSocketChannel(new WebSocket(`ws://127.0.0.1:${port}/rpc?token=tok-123`)));
    const events: StudioEvent[] = [];
    client.onEvent((e) => events.push(e));
    expect((await client.call('templates.list', {})).map((t) => t.name)).toContain('Magic Mirror');
    const { document } = await client.call('templates.get', { name: 'Hello World loopback' });
    await client.call('graphs.create', { name: 'Over the wire', document });
    await expect.poll(() => events.map((e) => e.kind)).toContain('graphs-changed');
    client.close();
  });
});
