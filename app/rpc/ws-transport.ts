/**
 * The RPC over WebSocket, for the browser build and tests: loopback only, the per-launch
 * token in the URL (`/rpc?token=...`), Origin checked. One JSON-RPC message per text frame.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { refusal } from './access.ts';
import type { RpcServer } from './server.ts';

export const RPC_PATH = '/rpc';

export interface WebSocketRpcOptions {
  server: Server;
  rpc: RpcServer;
  token: string;
  path?: string;
}

export interface WebSocketRpc {
  /** Closes every RPC socket (the HTTP server is the caller's to close). */
  close(): Promise<void>;
}

export function attachWebSocketRpc({ server, rpc, token, path = RPC_PATH }: WebSocketRpcOptions): WebSocketRpc {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const port = (server.address() as { port: number } | null)?.port ?? 0;
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== path) return refuse(socket, 404, `no WebSocket service at ${url.pathname}`);
    const reason = refusal(request, { port, token, requireToken: true });
    if (reason) return refuse(socket, 403, reason);
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, rpc));
  };
  server.on('upgrade', onUpgrade);

  return {
    close: () =>
      new Promise((resolve) => {
        server.off('upgrade', onUpgrade);
        for (const client of sockets.clients) client.terminate();
        sockets.close(() => resolve());
      }),
  };
}

function serveSocket(ws: WebSocket, rpc: RpcServer): void {
  const connection = rpc.connect((message) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) return ws.close(1003, 'RPC messages are text frames');
    void connection.receive(data.toString());
  });
  ws.on('close', () => connection.close());
  ws.on('error', () => connection.close());
}

function refuse(socket: Duplex, status: 403 | 404, reason: string): void {
  socket.write(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
  socket.destroy();
}
