/**
 * The engine host: the app core (store, Studio service, engine) behind the UI's RPC, served on
 * any MessagePort handed to it. The desktop app runs it in an Electron utilityProcess; tests run
 * the same module in a worker_threads Worker. It knows nothing of Electron.
 */
import { startKurentoServer, type KurentoServer } from '../../engine/protocol/server.ts';
import { EVENT_NOTIFICATION } from '../rpc/api.ts';
import { servePort, type MessagePortLike } from '../rpc/port-transport.ts';
import { RpcServer } from '../rpc/server.ts';
import { GraphStore } from '../store/graph-store.ts';
import { defaultDatabasePath } from '../store/location.ts';
import { Studio } from '../studio/studio.ts';
import { builtinTemplates } from '../templates/index.ts';

export interface EngineHostOptions {
  /** The SQLite store; default: the same file the CLI and `fluo serve` use (FLUO_DB or the user-data folder). */
  databasePath?: string;
  /** Start the Kurento Protocol server; off unless asked (the desktop app's setting). Loopback only. */
  kurento?: { port: number };
  log?: (line: string) => void;
}

export interface EngineHost {
  readonly databasePath: string;
  /** Kurento Protocol URL when that server runs. */
  readonly kurentoUrl: string | undefined;
  /** Serves the RPC on a port until it closes; returns a function that stops serving it. */
  serve(port: MessagePortLike): () => void;
  readonly connectionCount: number;
  close(): Promise<void>;
}

export async function startEngineHost(options: EngineHostOptions = {}): Promise<EngineHost> {
  const log = options.log ?? (() => undefined);
  const databasePath = options.databasePath ?? defaultDatabasePath();
  const store = GraphStore.open({ path: databasePath, templates: builtinTemplates() });
  const studio = new Studio({ store });
  const rpc = new RpcServer(studio.api);
  const unsubscribe = studio.onEvent((event) => rpc.notify(EVENT_NOTIFICATION, event));
  rpc.onConnectionClosed((connectionId) => studio.previews.closeForConnection(connectionId));
  let kurento: KurentoServer | undefined;
  if (options.kurento) {
    try {
      kurento = await startKurentoServer({ host: '127.0.0.1', port: options.kurento.port });
      log(`Kurento Protocol server: ${kurento.url}`);
    } catch (error) {
      // The editor works without it (e.g. the port is taken by a real KMS).
      log(`Kurento Protocol server not started on 127.0.0.1:${options.kurento.port}: ${(error as Error).message}`);
    }
  }
  const stops = new Set<() => void>();
  log(`engine host ready (store ${databasePath})`);
  return {
    databasePath,
    kurentoUrl: kurento?.url,
    get connectionCount() {
      return rpc.connectionCount;
    },
    serve(port) {
      const stopServing = servePort(port, rpc);
      const stop = (): void => {
        stops.delete(stop);
        stopServing();
      };
      stops.add(stop);
      return stop;
    },
    async close() {
      for (const stop of [...stops]) stop();
      unsubscribe();
      studio.close();
      await kurento?.close();
      store.close();
    },
  };
}
