/**
 * The engine host as a process (or thread) of its own. Started by Electron's main as a
 * utilityProcess, or by tests as a worker_threads Worker: both hand it MessagePorts in a
 * `{ type: 'fluo:connect' }` message, and it serves the UI's RPC on each.
 *   argv: --db=PATH (default: FLUO_DB or the user-data store), --kurento-listen=127.0.0.1:PORT (off by default)
 */
import { parentPort as workerParent } from 'node:worker_threads';
import type { MessagePortLike } from '../rpc/port-transport.ts';
import { startEngineHost, type EngineHost, type EngineHostOptions } from './engine-host.ts';
import { HOST_ERROR, HOST_READY, parseHostArgs, portsOfConnectMessage } from './host-messages.ts';

/** Electron's utilityProcess: messages arrive as { data, ports }. */
interface ParentChannel {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  postMessage(message: unknown): void;
}

const electronParent = (process as unknown as { parentPort?: ParentChannel }).parentPort;
const parent: ParentChannel | null = electronParent ?? workerParent;
if (!parent) throw new Error('app/host/host-process.ts must run in an Electron utilityProcess or a worker thread');

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

let options: EngineHostOptions;
let host: Promise<EngineHost>;
try {
  options = { ...parseHostArgs(process.argv.slice(2)), log };
  host = startEngineHost(options);
} catch (error) {
  host = Promise.reject(error);
}

host.then(
  (started) => parent.postMessage({ type: HOST_READY, databasePath: started.databasePath, kurentoUrl: started.kurentoUrl ?? null }),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`engine host failed to start: ${message}\n`);
    parent.postMessage({ type: HOST_ERROR, message });
    // Nothing to serve: end (the parent's listener would keep us alive), and let the parent decide
    // (main restarts the host or gives up and shows it). A tick first so the message leaves.
    setImmediate(() => process.exit(1));
  },
);

parent.on('message', (message) => {
  const ports = portsOfConnectMessage(message);
  if (ports.length === 0) return;
  void host.then(
    (started) => {
      for (const port of ports) started.serve(port as MessagePortLike);
    },
    () => {
      for (const port of ports) (port as { close?: () => void }).close?.();
    },
  );
});

