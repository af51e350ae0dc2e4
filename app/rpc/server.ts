/**
 * The RPC server: validates each request against METHOD_PARAMS, runs the handler, answers
 * with a JSON-RPC response, and broadcasts notifications to every connection. Transports
 * (WebSocket, MessagePort) only move messages; all the rules live here.
 */
import { randomUUID } from 'node:crypto';
import type { CallContext, StudioApi } from './api.ts';
import { checkParams, isMethodName, isRecord } from './params.ts';
import { RpcError, RpcErrorCode, type RpcErrorBody, type RpcNotification, type RpcResponse } from './protocol.ts';

export type RpcOutgoing = RpcResponse | RpcNotification;

export interface RpcConnection {
  readonly id: string;
  /** Handles one incoming message: JSON text (WebSocket) or an already-parsed object (MessagePort). */
  receive(message: unknown): Promise<void>;
  close(): void;
}

export class RpcServer {
  private readonly connections = new Map<string, (message: RpcOutgoing) => void>();
  private readonly closeListeners = new Set<(connectionId: string) => void>();

  constructor(private readonly api: StudioApi) {}

  get connectionCount(): number {
    return this.connections.size;
  }

  connect(send: (message: RpcOutgoing) => void): RpcConnection {
    const id = randomUUID();
    this.connections.set(id, send);
    return {
      id,
      receive: async (message) => {
        const response = await this.handle(message, { connectionId: id });
        if (response && this.connections.has(id)) send(response);
      },
      close: () => {
        if (!this.connections.delete(id)) return;
        for (const listener of this.closeListeners) listener(id);
      },
    };
  }

  /** Called with a connection's id when it goes away (e.g. to close its previews). */
  onConnectionClosed(listener: (connectionId: string) => void): void {
    this.closeListeners.add(listener);
  }

  /** Sends a notification to every connection; a failing transport does not stop the others. */
  notify(method: string, params: unknown): void {
    const message: RpcNotification = { jsonrpc: '2.0', method, params };
    for (const send of this.connections.values()) {
      try {
        send(message);
      } catch {
        // The transport reports its own closing; a dead socket must not break the broadcast.
      }
    }
  }

  /** Answers one message; undefined for notifications (requests without an id). */
  async handle(message: unknown, context: CallContext): Promise<RpcResponse | undefined> {
    let request: unknown = message;
    if (typeof message === 'string') {
      try {
        request = JSON.parse(message);
      } catch (error) {
        return failure(null, { code: RpcErrorCode.PARSE_ERROR, message: `Invalid JSON: ${(error as Error).message}` });
      }
    }
    if (!isRecord(request) || request.jsonrpc !== '2.0' || typeof request.method !== 'string') {
      return failure(null, { code: RpcErrorCode.INVALID_REQUEST, message: 'Expected a JSON-RPC 2.0 request object with a method' });
    }
    const id = request.id;
    if (id !== undefined && id !== null && typeof id !== 'number' && typeof id !== 'string') {
      return failure(null, { code: RpcErrorCode.INVALID_REQUEST, message: 'Request id must be a number or a string' });
    }
    const answer = await this.call(request.method, request.params, context);
    if (id === undefined || id === null) return undefined;
    return 'error' in answer ? failure(id, answer.error) : { jsonrpc: '2.0', id, result: answer.result };
  }

  private async call(method: string, params: unknown, context: CallContext): Promise<{ result: unknown } | { error: RpcErrorBody }> {
    if (!isMethodName(method)) return { error: { code: RpcErrorCode.METHOD_NOT_FOUND, message: `Unknown method '${method}'` } };
    const problems = checkParams(method, params);
    if (problems.length > 0) {
      return { error: { code: RpcErrorCode.INVALID_PARAMS, message: `${method}: ${problems.join('; ')}`, data: { type: 'INVALID_PARAMS', problems } } };
    }
    try {
      const handler = this.api[method] as (p: unknown, c: CallContext) => unknown;
      const result = await handler.call(this.api, params ?? {}, context);
      return { result: result === undefined ? null : result };
    } catch (error) {
      return { error: errorBody(error) };
    }
  }
}

function failure(id: RpcResponse['id'], error: RpcErrorBody): RpcResponse {
  return { jsonrpc: '2.0', id, error };
}

/** Maps what a handler threw to a JSON-RPC error, keeping the error's symbolic type. */
export function errorBody(error: unknown): RpcErrorBody {
  if (error instanceof RpcError) return error.toBody();
  if (error instanceof Error) {
    const { code, type } = error as Error & { code?: unknown; type?: unknown };
    // MediaError: Kurento's numeric code and symbolic type.
    if (typeof code === 'number' && typeof type === 'string') return { code, message: error.message, data: { type } };
    // StoreError and friends: a symbolic code.
    if (typeof code === 'string') return { code: RpcErrorCode.APP_ERROR, message: error.message, data: { type: code } };
    return { code: RpcErrorCode.INTERNAL_ERROR, message: error.message, data: { type: error.name } };
  }
  return { code: RpcErrorCode.INTERNAL_ERROR, message: String(error) };
}
