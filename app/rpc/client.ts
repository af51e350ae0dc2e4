/**
 * The UI's side of the RPC: typed calls and the event stream over any channel. Browser-safe
 * (no Node imports): the renderer uses it over WebSocket or a MessagePort, tests over `ws`
 * or worker_threads.
 */
import { EVENT_NOTIFICATION, type ParamsOf, type ResultOf, type RpcMethodName, type StudioEvent } from './api.ts';
import { RpcError, type RpcErrorBody, type RpcMessage } from './protocol.ts';

/** Moves messages; the client does the rest. */
export interface RpcChannel {
  send(message: object): void;
  onMessage(listener: (message: unknown) => void): void;
  onClose(listener: (reason: string) => void): void;
  close(): void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  method: string;
}

export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(event: StudioEvent) => void>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  private closedReason: string | undefined;

  constructor(private readonly channel: RpcChannel) {
    channel.onMessage((message) => this.receive(message));
    channel.onClose((reason) => this.closed(reason));
  }

  call<M extends RpcMethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    if (this.closedReason !== undefined) return Promise.reject(new Error(`RPC connection closed (${this.closedReason}): cannot call ${method}`));
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      try {
        this.channel.send({ jsonrpc: '2.0', id, method, params });
      } catch (error) {
        this.pending.delete(id);
        reject(error as Error);
      }
    });
  }

  onEvent(listener: (event: StudioEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    this.channel.close();
    this.closed('closed by the client');
  }

  private receive(raw: unknown): void {
    let message: RpcMessage;
    try {
      message = (typeof raw === 'string' ? JSON.parse(raw) : raw) as RpcMessage;
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    if ('method' in message && !('id' in message && message.id !== undefined && message.id !== null)) {
      if (message.method === EVENT_NOTIFICATION) for (const listener of this.eventListeners) listener(message.params as StudioEvent);
      return;
    }
    if (!('id' in message) || typeof message.id !== 'number') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if ('error' in message) pending.reject(toError(message.error));
    else if ('result' in message) pending.resolve(message.result);
  }

  private closed(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    for (const [, pending] of this.pending) pending.reject(new Error(`RPC connection closed (${reason}) during ${pending.method}`));
    this.pending.clear();
    for (const listener of this.closeListeners) listener(reason);
  }
}

function toError(body: RpcErrorBody): RpcError {
  return new RpcError(body.code, body.message, body.data);
}

/** What both the browser's WebSocket and the `ws` package offer. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'error', listener: () => void): void;
}

const OPEN = 1;

/** JSON text frames over a WebSocket; messages sent before it opens are queued. */
export function webSocketChannel(socket: WebSocketLike): RpcChannel {
  const queue: string[] = [];
  socket.addEventListener('open', () => {
    for (const text of queue.splice(0)) socket.send(text);
  });
  return {
    send: (message) => {
      const text = JSON.stringify(message);
      if (socket.readyState === OPEN) socket.send(text);
      else queue.push(text);
    },
    onMessage: (listener) => socket.addEventListener('message', (event) => listener(String(event.data))),
    onClose: (listener) => {
      socket.addEventListener('close', (event) => listener(event.reason || `WebSocket closed with code ${event.code}`));
      socket.addEventListener('error', () => listener('WebSocket error'));
    },
    close: () => socket.close(1000, 'client closed'),
  };
}

/** What both the DOM's MessagePort and worker_threads' MessagePort offer. */
export interface EventPortLike {
  postMessage(message: unknown): void;
  /** The DOM's MessageEvent, or Node's equivalent: both carry `data`. */
  addEventListener(type: 'message', listener: (event: Event) => void): void;
  start?(): void;
  close(): void;
}

/** Structured-cloned objects over a MessagePort (Electron's renderer side, worker_threads). */
export function messagePortChannel(port: EventPortLike): RpcChannel {
  const closeListeners: ((reason: string) => void)[] = [];
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.addEventListener('message', (event) => listener((event as MessageEvent).data));
      port.start?.();
    },
    onClose: (listener) => closeListeners.push(listener),
    close: () => {
      port.close();
      for (const listener of closeListeners) listener('port closed');
    },
  };
}
