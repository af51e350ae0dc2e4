/**
 * The Kurento Protocol server: JSON-RPC 2.0 over WebSocket at ws://127.0.0.1:8888/kurento by
 * default, speaking to the engine's object model. `fluo serve` and the desktop app start it.
 */
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { Connection } from './connection.ts';
import type { DispatchContext } from './dispatch.ts';
import { ObjectRegistry } from './object-registry.ts';
import { originAllowed, resolveOptions, type KurentoServerOptions } from './options.ts';
import { SessionTable } from './sessions.ts';

export type { KurentoServerOptions } from './options.ts';

export interface KurentoServerStats {
  connections: number;
  sessions: number;
  objects: number;
  subscriptions: number;
  listeners: number;
}

export interface KurentoServer {
  /** ws:// or wss:// URL clients connect to. */
  url: string;
  port: number;
  stats(): KurentoServerStats;
  /** Cuts every client socket, as a network failure would; sessions wait out their grace period. */
  dropConnections(): void;
  /** Closes every socket, releases every object and stops listening. */
  close(): Promise<void>;
}

/** Frames beyond the soft limit get an error; beyond this hard limit the socket is closed (1009). */
const HARD_LIMIT_FACTOR = 4;
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

export async function startKurentoServer(options: KurentoServerOptions = {}): Promise<KurentoServer> {
  const config = resolveOptions(options);
  // The manager lists sessions lazily, so the registry can exist before the session table.
  const registry: ObjectRegistry = new ObjectRegistry({ sessionIds: () => sessions.ids(), metadata: config.metadata });
  const sessions = new SessionTable(registry, config);
  const context: DispatchContext = { registry, sessions, serverId: randomUUID(), requestCacheMs: config.requestCacheMs };

  const http: Server = config.tls ? createHttpsServer({ cert: config.tls.cert, key: config.tls.key }) : createHttpServer();
  http.on('request', (_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain' }).end('Kurento Protocol: connect with a WebSocket client\n');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes * HARD_LIMIT_FACTOR });
  const sockets = new Set<WebSocket>();

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    socket.on('error', () => socket.destroy());
    if (!originAllowed(request.headers.origin, config.allowedOrigins)) return refuse(403, 'Forbidden');
    if (sockets.size >= config.maxConnections) return refuse(503, 'Service Unavailable');
    wss.handleUpgrade(request, socket, head, (ws) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path !== config.path) return ws.close(1002, 'Invalid path');
      accept(ws);
    });
  });

  function accept(ws: WebSocket): void {
    sockets.add(ws);
    const connection = new Connection(ws, context, { maxMessageBytes: config.maxMessageBytes, maxBufferedBytes: MAX_BUFFERED_BYTES });
    // One JSON-RPC object per frame; binary frames are decoded as UTF-8 all the same.
    ws.on('message', (data) => connection.receive(frameText(data)));
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      sockets.delete(ws);
      sessions.detach(connection);
    });
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;

  return {
    url: `${config.tls ? 'wss' : 'ws'}://${host}:${port}${config.path}`,
    port,
    stats: () => ({
      connections: sockets.size,
      sessions: sessions.size,
      objects: registry.objectCount(),
      subscriptions: sessions.subscriptionCount(),
      listeners: registry.listenerCount(),
    }),
    dropConnections: () => {
      for (const ws of sockets) ws.terminate();
    },
    close: async () => {
      for (const ws of sockets) ws.terminate();
      sockets.clear();
      sessions.dropAll();
      registry.releaseAll();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
