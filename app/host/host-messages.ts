/**
 * The engine host's messages with its parent (Electron main or a test), and its arguments.
 * main/engine-host.ts sends HOST_CONNECT with one MessagePort per renderer connection.
 */
import type { EngineHostOptions } from './engine-host.ts';

export const HOST_CONNECT = 'fluo:connect';
export const HOST_READY = 'fluo:host-ready';
export const HOST_ERROR = 'fluo:host-error';

/**
 * The ports a connect message carries. Electron delivers `{ data: { type }, ports: [...] }`;
 * worker_threads delivers the posted value itself, `{ type, port }` (the port in the transfer list).
 */
export function portsOfConnectMessage(message: unknown): unknown[] {
  if (typeof message !== 'object' || message === null) return [];
  const record = message as { type?: unknown; data?: { type?: unknown }; ports?: unknown; port?: unknown };
  if (record.data?.type === HOST_CONNECT && Array.isArray(record.ports)) return record.ports;
  if (record.type === HOST_CONNECT && record.port !== undefined) return [record.port];
  return [];
}

/** --db=PATH, --kurento-listen=127.0.0.1:PORT. Anything else is ignored (Electron adds its own). */
export function parseHostArgs(argv: readonly string[]): Omit<EngineHostOptions, 'log'> {
  const options: Omit<EngineHostOptions, 'log'> = {};
  for (const arg of argv) {
    if (arg.startsWith('--db=') && arg.length > 5) options.databasePath = arg.slice(5);
    const listen = /^--kurento-listen=(?:127\.0\.0\.1|localhost):(\d{1,5})$/.exec(arg);
    if (listen) {
      const port = Number(listen[1]);
      if (port > 0 && port < 65536) options.kurento = { port };
      else throw new Error(`--kurento-listen: ${listen[1]} is not a port`);
    } else if (arg.startsWith('--kurento-listen=')) {
      throw new Error(`${arg}: the desktop Kurento server listens on 127.0.0.1 only (--kurento-listen=127.0.0.1:PORT)`);
    }
  }
  return options;
}
