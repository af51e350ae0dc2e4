/**
 * The editor's connection to the app: the typed RPC over WebSocket (browser build: the token
 * comes from the page URL) or over a MessagePort (desktop: the preload hands one over with
 * `window.postMessage('fluo:rpc-port', '*', [port])`).
 */
import { createContext, useContext } from 'react';
import { RpcClient, messagePortChannel, webSocketChannel } from '../../app/rpc/client.ts';

export const RPC_PORT_MESSAGE = 'fluo:rpc-port';

export function connectRpc(): Promise<RpcClient> {
  const token = new URLSearchParams(location.search).get('token');
  if (token) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/rpc?token=${encodeURIComponent(token)}`);
    return Promise.resolve(new RpcClient(webSocketChannel(socket)));
  }
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      // Only our own preload (same window, same origin) hands over the port.
      if (event.source !== window || event.origin !== location.origin || event.data !== RPC_PORT_MESSAGE || !event.ports[0]) return;
      window.removeEventListener('message', onMessage);
      resolve(new RpcClient(messagePortChannel(event.ports[0])));
    };
    window.addEventListener('message', onMessage);
  });
}

export const RpcContext = createContext<RpcClient | null>(null);

export function useRpc(): RpcClient {
  const rpc = useContext(RpcContext);
  if (!rpc) throw new Error('useRpc outside RpcContext');
  return rpc;
}

/** A readable message for anything an RPC call rejected with. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
