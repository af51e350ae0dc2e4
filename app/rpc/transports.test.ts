import { createServer, type Server } from 'node:http';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StudioApi, StudioEvent } from './api.ts';
import { RpcClient, messagePortChannel, webSocketChannel } from './client.ts';
import { servePort, type MessagePortLike } from './port-transport.ts';
import { RpcError } from './protocol.ts';
import { RpcServer } from './server.ts';
import { attachWebSocketRpc } from './ws-transport.ts';

/** Two handlers are enough to prove a transport carries calls, results and errors. */
function api(): StudioApi {
  const handlers: Partial<StudioApi> = {
    'graphs.revisions': ({ graph }) => [{ revision: 3, createdAt: 'now', message: graph, bytes: graph.length }],
    'graphs.delete': ({ graph }) => {
      throw Object.assign(new Error(`No graph '${graph}'`), { code: 'NOT_FOUND' });
    },
  };
  return handlers as StudioApi;
}

const event: StudioEvent = { kind: 'graphs-changed', time: '2026-01-01T00:00:00.000Z' };

async function exercise(client: RpcClient, rpc: RpcServer): Promise<void> {
  await expect(client.call('graphs.revisions', { graph: 'Demo' })).resolves.toEqual([{ revision: 3, createdAt: 'now', message: 'Demo', bytes: 4 }]);
  const failure = await client.call('graphs.delete', { graph: 'gone' }).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(RpcError);
  expect(failure).toMatchObject({ code: -32000, message: "No graph 'gone'", data: { type: 'NOT_FOUND' } });
  const seen = new Promise<StudioEvent>((resolve) => client.onEvent(resolve));
  rpc.notify('event', event);
  expect(await seen).toEqual(event);
}

describe('WebSocket transport', () => {
  let server: Server | undefined;
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function start(): Promise<{ port: number; rpc: RpcServer }> {
    server = createServer((_req, res) => res.end('page'));
    const rpc = new RpcServer(api());
    const transport = attachWebSocketRpc({ server, rpc, token: 'secret-token' });
    cleanups.push(() => transport.close());
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as { port: number }).port, rpc };
  }

  /** The HTTP status a WebSocket handshake is refused with, or 101 when it is accepted. */
  function handshake(url: string, headers: Record<string, string> = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('error', (e) => (e.message.includes('Unexpected server response') ? undefined : reject(e)));
    });
  }

  it('carries calls, errors and events with the token', async () => {
    const { port, rpc } = await start();
    const socket = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=secret-token`, { origin: `http://127.0.0.1:${port}` });
    const client = new RpcClient(webSocketChannel(socket));
    cleanups.push(() => client.close());
    await exercise(client, rpc);
    expect(rpc.connectionCount).toBe(1);
  });

  it('refuses a missing or wrong token, a foreign Origin, a foreign Host and other paths', async () => {
    const { port } = await start();
    const base = `ws://127.0.0.1:${port}`;
    expect(await handshake(`${base}/rpc`)).toBe(403);
    expect(await handshake(`${base}/rpc?token=secret-tokem`)).toBe(403);
    expect(await handshake(`${base}/rpc?token=secret-token`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await handshake(`${base}/rpc?token=secret-token`, { Host: `evil.example:${port}` })).toBe(403);
    expect(await handshake(`${base}/other?token=secret-token`)).toBe(404);
    expect(await handshake(`ws://localhost:${port}/rpc?token=secret-token`, { Origin: `http://localhost:${port}` })).toBe(101);
  });

  it('fails pending calls when the socket closes', async () => {
    const { port } = await start();
    const socket = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=secret-token`);
    const client = new RpcClient(webSocketChannel(socket));
    await client.call('graphs.revisions', { graph: 'a' });
    const closed = new Promise<string>((resolve) => client.onClose(resolve));
    socket.terminate();
    expect(await closed).toMatch(/closed|error/i);
    await expect(client.call('graphs.revisions', { graph: 'a' })).rejects.toThrow(/closed/);
  });
});

describe('MessagePort transport', () => {
  it('carries calls, errors and events over worker_threads ports', async () => {
    const rpc = new RpcServer(api());
    const { port1, port2 } = new MessageChannel();
    const stop = servePort(port1, rpc);
    const client = new RpcClient(messagePortChannel(port2));
    await exercise(client, rpc);
    stop();
    client.close();
    port1.close();
  });

  it('unwraps Electron-style {data, ports} messages', async () => {
    const rpc = new RpcServer(api());
    const { port1, port2 } = new MessageChannel();
    // Electron's MessagePortMain hands listeners a MessageEvent-like object and must be started.
    let started = false;
    const electronLike: MessagePortLike = {
      postMessage: (message) => port1.postMessage(message),
      on: (eventName: 'message' | 'close', listener: (message?: unknown) => void) =>
        eventName === 'message' ? port1.on('message', (value) => listener({ data: value, ports: [] })) : port1.on('close', () => listener()),
      start: () => {
        started = true;
      },
    };
    const stop = servePort(electronLike, rpc);
    expect(started).toBe(true);
    const client = new RpcClient(messagePortChannel(port2));
    await exercise(client, rpc);
    stop();
    expect(rpc.connectionCount).toBe(0);
    client.close();
    port1.close();
  });
});
