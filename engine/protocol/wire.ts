/**
 * JSON-RPC 2.0 message shapes of the Kurento Protocol and the error objects it answers with.
 * Kurento's own error kinds live in engine/errors.ts (MediaError); the few that only the
 * protocol raises (sessions, transactions, plain JSON-RPC errors) are ProtocolErrors here.
 */
import { KurentoErrorCode, MediaError } from '../errors.ts';

export type RequestId = number | string | null;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id?: RequestId;
  method: string;
  params?: unknown;
}

export interface ErrorObject {
  code: number;
  message: string;
  data?: { type: string };
}

export type JsonRpcResponse =
  | { id: RequestId; jsonrpc: '2.0'; result: Record<string, unknown> }
  | { id: RequestId; jsonrpc: '2.0'; error: ErrorObject };

/** JSON-RPC's own codes plus Kurento's (one table, engine/errors.ts). */
export const ProtocolCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  NOTIFICATION_WITH_RESULT: -32000,
  ...KurentoErrorCode,
} as const;

export type ProtocolCodeName = keyof typeof ProtocolCode;

/** JSON-RPC errors (negative codes) carry no `data`; Kurento errors carry `data.type`. */
export class ProtocolError extends Error {
  readonly code: number;
  constructor(
    readonly type: ProtocolCodeName,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
    this.code = ProtocolCode[type];
  }
}

/** Turns anything thrown while handling a request into the error object sent back. */
export function toErrorObject(error: unknown): ErrorObject {
  if (error instanceof MediaError || error instanceof ProtocolError) {
    const object: ErrorObject = { code: error.code, message: error.message };
    if (error.code > 0 || error.type === 'INVALID_PARAMS') object.data = { type: error.type };
    return object;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: ProtocolCode.INTERNAL_ERROR, message: `Unexpected error while processing method: ${message}` };
}

export function resultResponse(id: RequestId, result: Record<string, unknown>): JsonRpcResponse {
  return { id, jsonrpc: '2.0', result };
}

export function errorResponse(id: RequestId, error: unknown): JsonRpcResponse {
  return { id, jsonrpc: '2.0', error: toErrorObject(error) };
}

export function onEventNotification(value: Record<string, unknown>): { jsonrpc: '2.0'; method: 'onEvent'; params: { value: Record<string, unknown> } } {
  return { jsonrpc: '2.0', method: 'onEvent', params: { value } };
}
