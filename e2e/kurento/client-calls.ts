/** Helpers for driving the official kurento-client from TypeScript tests. */
import type { RemoteObject } from 'kurento-client';

/** Calls a remote method by name (kurento-client's proxies are untyped functions). */
export async function call<T = unknown>(object: RemoteObject, operation: string, ...args: unknown[]): Promise<T> {
  const method = object[operation];
  if (typeof method !== 'function') throw new Error(`kurento-client has no ${operation} on ${object.id}`);
  return (await (method as (...a: unknown[]) => Promise<T>).apply(object, args)) as T;
}

/** Resolves with the first event of this type that satisfies `accept`. */
export function nextEvent(object: RemoteObject, event: string, accept: (data: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const listener = (data: Record<string, unknown>): void => {
      if (!accept(data)) return;
      object.removeListener(event, listener);
      resolve(data);
    };
    object.on(event, listener);
  });
}
