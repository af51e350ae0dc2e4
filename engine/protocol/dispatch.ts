/**
 * One request, start to end: which session it belongs to (PROTOCOL.md §3), the server-level
 * methods (ping, connect, transaction), the request cache, and the result with its sessionId.
 */
import { isPlainObject } from '../catalog/values.ts';
import { METHODS, stringParam, type MethodContext, type Params } from './methods.ts';
import type { EventSink, Session } from './sessions.ts';
import { errorResponse, ProtocolError, resultResponse, type JsonRpcResponse, type RequestId } from './wire.ts';

export interface DispatchContext extends MethodContext {
  serverId: string;
  requestCacheMs: number;
}

/** What a socket remembers between requests: the session of its last response. */
export interface ConnectionState extends EventSink {
  session: Session | undefined;
}

const MAX_SESSION_ID_LENGTH = 128;
const SERVER_METHODS = new Set(['ping', 'connect', 'transaction']);

export function isKnownMethod(method: string): boolean {
  return SERVER_METHODS.has(method) || Object.hasOwn(METHODS, method);
}

function paramsOf(method: string, raw: unknown): Params {
  if (raw === undefined || raw === null) {
    if (method === 'ping' || method === 'connect') return {};
    throw new ProtocolError('INVALID_PARAMS', `'params' is required for '${method}'`);
  }
  if (!isPlainObject(raw)) throw new ProtocolError('INVALID_PARAMS', `'params' of '${method}' must be an object`);
  return raw;
}

function sessionIdParam(params: Params): string | undefined {
  const value = params.sessionId;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SESSION_ID_LENGTH) {
    throw new ProtocolError('INVALID_PARAMS', `'sessionId' must be a string of 1 to ${MAX_SESSION_ID_LENGTH} characters`);
  }
  return value;
}

/** `newref:` belongs to transactions only (40109 elsewhere). */
function containsNewref(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof value === 'string') return value.startsWith('newref:');
  if (Array.isArray(value)) return value.some((v) => containsNewref(v, depth + 1));
  if (isPlainObject(value)) return Object.values(value).some((v) => containsNewref(v, depth + 1));
  return false;
}

/** Runs a request and builds its response (success or error). */
export async function dispatch(context: DispatchContext, connection: ConnectionState, id: RequestId, method: string, rawParams: unknown): Promise<JsonRpcResponse> {
  try {
    if (!isKnownMethod(method)) throw new ProtocolError('METHOD_NOT_FOUND', `Method not found: '${method.slice(0, 80)}'`);
    const params = paramsOf(method, rawParams);
    if (method === 'ping') return resultResponse(id, ping(context, connection, params));
    if (method === 'connect') return resultResponse(id, connect(context, connection, params));
    const session = resolveSession(context, connection, method, params);
    // Even a failing request ties the socket to its session, so the session cannot outlive
    // every socket without its grace period starting (it may hold what the request touched).
    associate(context, connection, session);
    const fingerprint = `${method}:${JSON.stringify(params)}`;
    const cached = id === null ? undefined : session.cachedResponse(id, fingerprint);
    if (cached) return cached;
    const response = resultResponse(id, { ...(await runInSession(context, session, method, params, false)), sessionId: session.id });
    if (id !== null) session.rememberResponse(id, fingerprint, response, context.requestCacheMs);
    return response;
  } catch (error) {
    return errorResponse(id, error);
  }
}

function associate(context: DispatchContext, connection: ConnectionState, session: Session): void {
  if (context.sessions.get(session.id) !== session) return;
  context.sessions.attach(session, connection);
  connection.session = session;
}

function ping(context: DispatchContext, connection: ConnectionState, params: Params): Params {
  const sessionId = sessionIdParam(params);
  if (sessionId === undefined) return { value: 'pong' };
  const session = context.sessions.get(sessionId);
  if (session) associate(context, connection, session);
  return { value: 'pong', sessionId };
}

function connect(context: DispatchContext, connection: ConnectionState, params: Params): Params {
  const sessionId = sessionIdParam(params);
  const session = sessionId === undefined ? context.sessions.open() : context.sessions.get(sessionId);
  if (!session) throw new ProtocolError('INVALID_SESSION', `Invalid session: '${sessionId}' is not known to this server`);
  associate(context, connection, session);
  return { sessionId: session.id, serverId: context.serverId };
}

function resolveSession(context: DispatchContext, connection: ConnectionState, method: string, params: Params): Session {
  const sessionId = sessionIdParam(params);
  if (sessionId !== undefined) {
    const known = context.sessions.get(sessionId);
    if (known) return known;
    if (method === 'keepAlive') throw new ProtocolError('INVALID_SESSION', `Invalid session: '${sessionId}' is not known to this server`);
    // Kurento adopts a session id it does not know (e.g. after its own restart).
    return context.sessions.open(sessionId);
  }
  const current = connection.session;
  if (current && context.sessions.get(current.id) === current) return current;
  return context.sessions.open();
}

async function runInSession(context: DispatchContext, session: Session, method: string, params: Params, inTransaction: boolean): Promise<Params> {
  if (method === 'transaction') {
    if (inTransaction) throw new ProtocolError('MALFORMED_TRANSACTION', 'A transaction cannot contain another transaction');
    return { value: await transaction(context, session, params) };
  }
  const handler = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (!handler) throw new ProtocolError('METHOD_NOT_FOUND', `Method not found: '${method.slice(0, 80)}'`);
  if (!inTransaction && containsNewref(params)) {
    throw new ProtocolError('MEDIA_OBJECT_NOT_FOUND_TRANSACTION_NO_COMMIT', `'newref:' references are only valid inside a transaction (${method})`);
  }
  return await handler(params, session, context);
}

/** Runs operations in order, stopping at the first failure; `newref:i` = result of operation i. */
async function transaction(context: DispatchContext, session: Session, params: Params): Promise<JsonRpcResponse[]> {
  const operations = params.operations;
  if (!Array.isArray(operations)) throw new ProtocolError('MALFORMED_TRANSACTION', "'operations' must be an array of requests");
  operations.forEach((operation, index) => {
    if (!isPlainObject(operation) || operation.id !== index) {
      throw new ProtocolError('MALFORMED_TRANSACTION', `Id of request '${index}' should be '${index}'`);
    }
    stringParam(operation, 'method');
  });
  const responses: JsonRpcResponse[] = [];
  for (const [index, operation] of (operations as Params[]).entries()) {
    const method = operation.method as string;
    let response: JsonRpcResponse;
    try {
      const opParams = substituteNewrefs(paramsOf(method, operation.params), responses, index);
      const { sessionId: _ignored, ...rest } = opParams;
      response = resultResponse(index, { ...(await runInSession(context, session, method, rest, true)), sessionId: session.id });
    } catch (error) {
      if (error instanceof ProtocolError && error.type === 'MALFORMED_TRANSACTION' && String(error.message).startsWith('newref')) throw error;
      response = errorResponse(index, error);
    }
    responses.push(response);
    if ('error' in response) break;
  }
  return responses;
}

function substituteNewrefs(value: Params, responses: JsonRpcResponse[], index: number): Params {
  const replace = (v: unknown, depth: number): unknown => {
    if (depth > 32) return v;
    if (typeof v === 'string' && v.startsWith('newref:')) {
      const ref = Number(v.slice(7));
      const target = Number.isInteger(ref) && ref >= 0 && ref < index ? responses[ref] : undefined;
      const result = target && 'result' in target ? target.result.value : undefined;
      if (typeof result !== 'string') throw new ProtocolError('MALFORMED_TRANSACTION', `newref '${v.slice(0, 40)}' in request ${index} names no earlier created object`);
      return result;
    }
    if (Array.isArray(v)) return v.map((x) => replace(x, depth + 1));
    if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x, depth + 1)]));
    return v;
  };
  return replace(value, 0) as Params;
}
