/**
 * `invoke` on one object: a catalog method, or a property through its `getX`/`setX` pair
 * (first letter upper-cased, as Kurento's generated code names them). Arguments are converted
 * from the wire and checked by the engine; results are shaped for the wire by their catalog type.
 */
import { allMethods, allProperties, MediaError, type EventListener, type PropertySpec } from '../index.ts';
import { isPlainObject } from '../catalog/values.ts';
import { fromWire, toWire } from './wire-values.ts';
import { ProtocolError } from './wire.ts';

/** What the protocol needs of an object: engine MediaObjects and the ServerManager both fit. */
export interface RemoteObject {
  readonly id: string;
  readonly type: string;
  readonly released: boolean;
  getProperty(name: string): unknown;
  setProperty(name: string, value: unknown): void;
  invoke(operation: string, params?: Record<string, unknown>): Promise<unknown>;
  on(type: string, listener: EventListener): () => void;
  hierarchy(): string[];
  release(): void;
}

function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function accessor(properties: PropertySpec[], prefix: 'get' | 'set', operation: string): PropertySpec | undefined {
  return properties.find((p) => `${prefix}${upperFirst(p.name)}` === operation);
}

function notFound(object: RemoteObject, operation: string, count: number): ProtocolError {
  return new ProtocolError('MALFORMED_TRANSACTION', `Method '${operation}' with ${count} parameters not found in ${object.type} ${object.id}`);
}

export async function invokeOperation(object: RemoteObject, operation: string, rawParams: unknown): Promise<unknown> {
  if (rawParams !== undefined && rawParams !== null && !isPlainObject(rawParams)) {
    throw new MediaError('MARSHALL_ERROR', `${object.type} ${object.id}.${operation}: 'operationParams' must be an object`);
  }
  const params: Record<string, unknown> = rawParams ?? {};
  const count = Object.keys(params).length;

  const method = allMethods(object.type).find((m) => m.name === operation);
  if (method) {
    const args: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(params)) {
      args[key] = fromWire(method.params.find((p) => p.name === key)?.type, value);
    }
    return toWire(method.returns, await object.invoke(operation, args));
  }

  const properties = allProperties(object.type);
  const getter = accessor(properties, 'get', operation);
  if (getter) {
    if (count > 0) throw notFound(object, operation, count);
    return toWire(getter.type, object.getProperty(getter.name));
  }
  const setter = accessor(properties, 'set', operation);
  if (setter && setter.access === 'rw') {
    if (count !== 1 || !(setter.name in params)) throw notFound(object, operation, count);
    object.setProperty(setter.name, fromWire(setter.type, params[setter.name]));
    return undefined;
  }
  throw notFound(object, operation, count);
}
