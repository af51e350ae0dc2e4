// The engine host module run exactly as the desktop runs it, minus Electron: its process entry in
// a worker_threads Worker (standing in for the utilityProcess), RPC over a worker_threads
// MessagePort (standing in for MessageChannelMain), a real SQLite file, and a host "crash".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RpcClient, messagePortChannel } from '../rpc/client.ts';
import { HOST_CONNECT, HOST_ERROR, HOST_READY, parseHostArgs, portsOfConnectMessage } from './host-messages.ts';

const entry = new URL('./entry.js', import.meta.url);
const dir = mkdtempSync(path.join(tmpdir(), 'fluo-host-'));
const databasePath = path.join(dir, 'fluo.sqlite');
const workers = new Set<Worker>();
const clients = new Set<RpcClient>();

afterEach(async () => {
  for (const client of clients) client.close();
  clients.clear();
  await Promise.all([...workers].map((worker) => worker.terminate()));
  workers.clear();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface HostMessage {
  type: string;
  databasePath?: string;
  message?: string;
}

/** Starts the host in a worker and resolves with its first message (ready or error). */
function startHostWorker(argv: string[]): Promise<{ worker: Worker; first: HostMessage; exited: Promise<number> }> {
  const worker = new Worker(entry, { argv, stdout: true, stderr: true });
  workers.add(worker);
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  return new Promise((resolve, reject) => {
    worker.once('message', (first: HostMessage) => resolve({ worker, first, exited }));
    worker.once('error', reject);
    void exited.then((code) => reject(new Error(`host worker exited (${code}) before it was ready`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** What main does for each renderer: a fresh channel, one end to the host, the other to the UI. */
function connect(worker: Worker): RpcClient {
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ type: HOST_CONNECT, port: port1 }, [port1]);
  const client = new RpcClient(messagePortChannel(port2));
  clients.add(client);
  return client;
}

describe('engine host under plain Node', () => {
  it('serves the UI RPC over a MessagePort and keeps the draft across a host restart', async () => {
    const first = await startHostWorker([`--db=${databasePath}`]);
    expect(first.first).toEqual({ type: HOST_READY, databasePath, kurentoUrl: null });
    const client = connect(first.worker);
    const templates = await client.call('templates.list', {});
    expect(templates.map((t) => t.name)).toContain('Magic Mirror');
    const template = await client.call('templates.get', { name: 'Magic Mirror' });
    await client.call('drafts.save', { key: 'desktop:untitled', document: template.document });
    // A second window's connection is served by the same host.
    const other = connect(first.worker);
    expect(await other.call('drafts.load', { key: 'desktop:untitled' })).toMatchObject({ document: template.document });

    // The host dies (as a crashed utilityProcess would); main starts a new one and reconnects.
    await first.worker.terminate();
    workers.delete(first.worker);
    const second = await startHostWorker([`--db=${databasePath}`]);
    expect(second.first.type).toBe(HOST_READY);
    const reconnected = connect(second.worker);
    const draft = await reconnected.call('drafts.load', { key: 'desktop:untitled' });
    expect(draft?.document).toEqual(template.document);
    expect(Date.parse(draft?.savedAt ?? '')).not.toBeNaN();
  });

  it('starts the Kurento Protocol server only when asked, on loopback', async () => {
    const port = await freePort();
    const { first } = await startHostWorker([`--db=${databasePath}`, `--kurento-listen=127.0.0.1:${port}`]);
    expect(first).toMatchObject({ type: HOST_READY, kurentoUrl: `ws://127.0.0.1:${port}/kurento` });
  });

  it('reports a start failure to its parent instead of serving', async () => {
    const { first, exited } = await startHostWorker([`--db=${databasePath}`, '--kurento-listen=0.0.0.0:8888']);
    expect(first.type).toBe(HOST_ERROR);
    expect(first.message).toMatch(/127\.0\.0\.1 only/);
    expect(await exited).toBe(1);
  });
});

describe('host messages', () => {
  it('takes ports from Electron-shaped and worker-shaped connect messages only', () => {
    const port = { tag: 'port' };
    expect(portsOfConnectMessage({ data: { type: HOST_CONNECT }, ports: [port] })).toEqual([port]);
    expect(portsOfConnectMessage({ type: HOST_CONNECT, port })).toEqual([port]);
    expect(portsOfConnectMessage({ type: 'other', port })).toEqual([]);
    expect(portsOfConnectMessage('fluo:connect')).toEqual([]);
  });

  it('parses its arguments and keeps the Kurento server on loopback', () => {
    expect(parseHostArgs(['--db=/x/fluo.sqlite', '--inspect'])).toEqual({ databasePath: '/x/fluo.sqlite' });
    expect(parseHostArgs(['--kurento-listen=127.0.0.1:9999'])).toEqual({ kurento: { port: 9999 } });
    expect(() => parseHostArgs(['--kurento-listen=0.0.0.0:8888'])).toThrow(/127\.0\.0\.1 only/);
    expect(() => parseHostArgs(['--kurento-listen=127.0.0.1:99999'])).toThrow(/not a port/);
  });
});
