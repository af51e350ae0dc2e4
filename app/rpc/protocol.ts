/**
 * JSON-RPC 2.0 message shapes and error codes of the studio's RPC. Browser-safe: the
 * renderer's client imports this file too.
 */

export type RpcId = number | string;

export interface RpcRequest {
  jsonrpc: '2.0';
  id?: RpcId | null;
  method: string;
  params?: unknown;
}

export interface RpcErrorBody {
  code: number;
  message: string;
  /** `type` names the failure symbolically (NOT_FOUND, INVALID_DOCUMENT, CONNECT_ERROR...). */
  data?: { type: string; [key: string]: unknown };
}

export type RpcResponse =
  | { jsonrpc: '2.0'; id: RpcId | null; result: unknown }
  | { jsonrpc: '2.0'; id: RpcId | null; error: RpcErrorBody };

export interface RpcNotification {
  jsonrpc: '2.0';
  method: string;
  params: unknown;
}

export type RpcMessage = RpcRequest | RpcResponse | RpcNotification;

export const RpcErrorCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** A request that was well formed but failed in the app (store, document, engine). */
  APP_ERROR: -32000,
} as const;

/** An error a handler throws to answer with a specific code and data. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: { type: string; [key: string]: unknown },
  ) {
    super(message);
    this.name = 'RpcError';
  }

  toBody(): RpcErrorBody {
    return { code: this.code, message: this.message, ...(this.data && { data: this.data }) };
  }
}
