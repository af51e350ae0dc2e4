/**
 * The RPC over a MessagePort-style channel: Electron's MessagePortMain (messages arrive as
 * `{ data, ports }`) and worker_threads' MessagePort (messages arrive as the value) both fit.
 * Messages travel as structured-cloned objects, not JSON text.
 */
import type { RpcServer } from './server.ts';

export interface MessagePortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  off?(event: 'message', listener: (message: unknown) => void): unknown;
  off?(event: 'close', listener: () => void): unknown;
  /** Electron's MessagePortMain queues messages until started. */
  start?(): void;
}

/** Serves the RPC on a port until it closes or the returned function is called. */
export function servePort(port: MessagePortLike, rpc: RpcServer): () => void {
  const connection = rpc.connect((message) => port.postMessage(message));
  const onMessage = (message: unknown): void => {
    void connection.receive(unwrap(message));
  };
  const onClose = (): void => connection.close();
  port.on('message', onMessage);
  port.on('close', onClose);
  port.start?.();
  return () => {
    port.off?.('message', onMessage);
    port.off?.('close', onClose);
    connection.close();
  };
}

/** Electron delivers a MessageEvent-like `{ data, ports }`; worker_threads the value itself. */
function unwrap(message: unknown): unknown {
  if (typeof message === 'object' && message !== null && 'data' in message && 'ports' in message) {
    return (message as { data: unknown }).data;
  }
  return message;
}
