/**
 * The Kurento Protocol's methods (PROTOCOL.md §5), each given its params and the session the
 * request belongs to. Objects are reached only through the registry and the generic object
 * model, so any element the engine gains works here unchanged.
 */
import { allEvents, MediaError } from '../index.ts';
import { isPlainObject } from '../catalog/values.ts';
import { describeClass } from './kmd.ts';
import type { ObjectRegistry } from './object-registry.ts';
import { invokeOperation } from './operations.ts';
import type { Session, SessionTable } from './sessions.ts';
import { ProtocolError } from './wire.ts';

export interface MethodContext {
  registry: ObjectRegistry;
  sessions: SessionTable;
}

export type Params = Record<string, unknown>;
export type MethodHandler = (params: Params, session: Session, context: MethodContext) => Promise<Params> | Params;

export function stringParam(params: Params, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new ProtocolError('INVALID_PARAMS', `'${name}' is required and must be a non-empty string${value === undefined ? '' : `, got ${JSON.stringify(value)?.slice(0, 60)}`}`);
  }
  return value;
}

/** Finds an object and records that the session now holds it (Kurento's implicit ref). */
function use(params: Params, session: Session, context: MethodContext): ReturnType<ObjectRegistry['find']> {
  const object = context.registry.find(stringParam(params, 'object'));
  if (object !== context.registry.manager) context.sessions.ref(session, object.id);
  return object;
}

const create: MethodHandler = (params, session, { registry, sessions }) => {
  const type = stringParam(params, 'type');
  if (params.properties !== undefined && params.properties !== null && !isPlainObject(params.properties)) {
    throw new ProtocolError('MARSHALL_ERROR', `Cannot create ${type}: 'properties' must be an object`);
  }
  sessions.assertCanCreate(session);
  const created = registry.create(type, params.constructorParams);
  sessions.noteCreated(session, created.id);
  return { value: created.id };
};

const invoke: MethodHandler = async (params, session, context) => {
  const object = use(params, session, context);
  const operation = stringParam(params, 'operation');
  const value = await invokeOperation(object, operation, params.operationParams);
  return { value: value ?? null };
};

const describe: MethodHandler = (params, session, context) => {
  const object = use(params, session, context);
  return describeClass(object.type, object.hierarchy());
};

const subscribe: MethodHandler = (params, session, context) => {
  const object = use(params, session, context);
  const type = stringParam(params, 'type');
  // The engine's '*' (every event) is an in-process convenience, not a Kurento event name.
  if (!allEvents(object.type).includes(type)) {
    throw new MediaError('MEDIA_OBJECT_EVENT_NOT_SUPPORTED', `Event '${type}' not supported by ${object.type} ${object.id}`);
  }
  return { value: context.sessions.subscribe(session, object, type) };
};

const unsubscribe: MethodHandler = (params, session, { sessions }) => {
  sessions.unsubscribe(session, stringParam(params, 'subscription'));
  return {};
};

const release: MethodHandler = (params, _session, { registry, sessions }) => {
  sessions.forgetObjects(registry.release(stringParam(params, 'object')));
  return {};
};

const ref: MethodHandler = (params, session, context) => {
  use(params, session, context);
  return {};
};

const unref: MethodHandler = (params, session, { sessions }) => {
  sessions.unref(session, stringParam(params, 'object'));
  return {};
};

const keepAlive: MethodHandler = () => ({});

const closeSession: MethodHandler = (params, session, { sessions }) => {
  sessions.drop(session, params.release === true);
  return {};
};

/** Methods that act on objects within a session (ping, connect and transaction are the server's). */
export const METHODS: Record<string, MethodHandler> = {
  create,
  invoke,
  describe,
  subscribe,
  unsubscribe,
  release,
  ref,
  unref,
  keepAlive,
  closeSession,
};
