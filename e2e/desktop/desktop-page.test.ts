/**
 * The desktop editor without Electron: the built editor served by the desktop's own fluo://
 * handler (main/app-protocol.ts, with the desktop CSP) to Debian's Chromium, its RPC over a
 * MessagePort handed over exactly as main/preload.cts does (after DOMContentLoaded, data
 * 'fluo:rpc-port'), bridged to the engine host running in a worker_threads Worker. Then the host
 * dies, a new one starts, the page reloads as main makes it, and the autosaved graph comes back.
 * What only Electron can do (the custom scheme, the isolated preload world) is stood in for:
 * the page is served from http://127.0.0.1, so the CSP's 'self' is that origin.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageChannel, Worker, type MessagePort as NodeMessagePort } from 'node:worker_threads';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_CONNECT } from '../../app/host/host-messages.ts';
import { RpcClient, messagePortChannel } from '../../app/rpc/client.ts';
import { ensureRendererBuilt } from '../../app/studio/renderer-build.ts';
import { APP_ORIGIN } from '../../main/app-origin.ts';
import { createAppRequestHandler } from '../../main/app-protocol.ts';
import { launchChromium } from '../studio/harness.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'fluo-desktop-'));
const databasePath = path.join(scratch, 'fluo.sqlite');
let browser: Browser;
let server: Server;
let origin: string;
let host: Worker | undefined;

async function startHost(): Promise<Worker> {
  const worker = new Worker(new URL('../../app/host/entry.js', import.meta.url), { argv: [`--db=${databasePath}`], stdout: true, stderr: true });
  await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return worker;
}

/** main/engine-host.ts's connect(): a fresh channel, one end to the host. */
function hostPort(): NodeMessagePort {
  if (!host) throw new Error('no host');
  const { port1, port2 } = new MessageChannel();
  host.postMessage({ type: HOST_CONNECT, port: port1 }, [port1]);
  return port2;
}

beforeAll(async () => {
  const dist = await ensureRendererBuilt();
  const handle = createAppRequestHandler(dist);
  server = createServer((request, response) => {
    // The same handler as protocol.handle('fluo', ...), fed the URL the page would have there.
    void handle(new Request(`${APP_ORIGIN}${request.url ?? '/'}`, { method: request.method })).then(async (answer) => {
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  [browser, host] = await Promise.all([launchChromium(), startHost()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await host?.terminate();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

/** A page wired like the desktop window: CSP violations recorded, the preload's port hand-over emulated. */
async function openDesktopPage(): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const violations: string[] = [];
  const connections = new Map<number, NodeMessagePort>();
  await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
  await page.exposeFunction('__fluoConnect', (id: number) => {
    const port = hostPort();
    connections.set(id, port);
    port.on('message', (message: unknown) => void page.evaluate(([i, m]) => window.__fluoFromHost?.(i, m), [id, message] as const).catch(() => undefined));
  });
  await page.exposeFunction('__fluoToHost', (id: number, message: unknown) => connections.get(id)?.postMessage(message));
  // Plain JS: it runs in the page (as the preload does, before the page's own scripts).
  await page.addInitScript(`
    document.addEventListener('securitypolicyviolation', (e) => void window.__cspViolation(e.violatedDirective + ' ' + e.blockedURI));
    const pagePorts = new Map();
    window.__fluoFromHost = (id, message) => pagePorts.get(id)?.postMessage(message);
    window.addEventListener('DOMContentLoaded', () => {
      const id = Date.now() + Math.random();
      const channel = new MessageChannel();
      pagePorts.set(id, channel.port1);
      channel.port1.onmessage = (event) => void window.__fluoToHost(id, event.data);
      void window.__fluoConnect(id).then(() => window.postMessage('fluo:rpc-port', location.origin, [channel.port2]));
    });
  `);
  return { page, violations };
}

declare global {
  interface Window {
    __fluoFromHost?: (id: number, message: unknown) => void;
  }
}

describe('desktop editor page (no Electron)', () => {
  it('runs under the desktop CSP over a MessagePort and gets the autosaved graph back after a host restart', async () => {
    const { page, violations } = await openDesktopPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/index.html`);
    // The violation recorder works, and the CSP refuses what a desktop page must never load.
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://example.com/tracker.png';
      document.body.append(img);
      img.remove();
    });
    await expect.poll(() => violations.splice(0)).toEqual(['img-src https://example.com/tracker.png']);
    await page.locator('[data-template="Magic Mirror"]').click();
    await expect.poll(() => page.locator('.element-node').count(), { timeout: 20_000 }).toBe(2);
    // An edit makes the graph unsaved; the editor autosaves it as a draft through the host.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('l');
    const probe = new RpcClient(messagePortChannel(hostPort()));
    await expect.poll(async () => (await probe.call('drafts.load', { key: 'unsaved' })) !== null, { timeout: 20_000 }).toBe(true);
    probe.close();

    // The host dies; main starts a new one and reloads the page, which reconnects to it.
    await host?.terminate();
    host = await startHost();
    await page.reload();
    await page.getByRole('button', { name: 'Recover it' }).click({ timeout: 20_000 });
    await expect.poll(() => page.locator('.element-node').count(), { timeout: 20_000 }).toBe(2);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
