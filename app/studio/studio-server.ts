/**
 * The editor for a browser: the Studio service, its RPC over WebSocket and the built editor,
 * all on one loopback port with a per-launch token. `fluo serve` and the e2e tests start it.
 */
import { randomBytes } from 'node:crypto';
import { EVENT_NOTIFICATION } from '../rpc/api.ts';
import { RpcServer } from '../rpc/server.ts';
import { attachWebSocketRpc } from '../rpc/ws-transport.ts';
import type { GraphStore } from '../store/graph-store.ts';
import { createStudioHttpServer } from './http-server.ts';
import { Studio, type StudioOptions } from './studio.ts';

export interface StudioServerOptions {
  store: GraphStore;
  /** The built editor (see ensureRendererBuilt). */
  distDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  token?: string;
  listCameras?: StudioOptions['listCameras'];
}

export interface StudioServer {
  /** The page to open, token included. */
  url: string;
  port: number;
  token: string;
  studio: Studio;
  close(): Promise<void>;
}

export async function startStudioServer(options: StudioServerOptions): Promise<StudioServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const studio = new Studio({ store: options.store, ...(options.listCameras && { listCameras: options.listCameras }) });
  const rpc = new RpcServer(studio.api);
  const unsubscribe = studio.onEvent((event) => rpc.notify(EVENT_NOTIFICATION, event));
  rpc.onConnectionClosed((connectionId) => studio.previews.closeForConnection(connectionId));
  const http = createStudioHttpServer({ distDir: options.distDir, token });
  const sockets = attachWebSocketRpc({ server: http, rpc, token });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    studio,
    close: async () => {
      unsubscribe();
      studio.close();
      await sockets.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
