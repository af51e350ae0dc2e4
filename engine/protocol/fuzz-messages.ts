/**
 * Message generator for the protocol fuzz test: valid Kurento requests built from the catalog
 * (so they reach deep into the engine), then mutated: values swapped for wrong types, keys
 * dropped or added, prototype-polluting names, huge strings, deep nesting, broken JSON text.
 */
import { allEvents, allMethods, allProperties, creatableTypes, findComplexType, type ValueType } from '../index.ts';

/** mulberry32: small, fast, seeded, good enough to make runs reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the fuzzer has learnt from answers: ids to aim at. */
export interface FuzzKnowledge {
  objects: string[];
  subscriptions: string[];
  sessionIds: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class MessageFuzzer {
  constructor(
    private readonly random: () => number,
    private readonly known: FuzzKnowledge,
    /** A folder the test owns: URIs point only there (recorders may create files). */
    private readonly uriFolder: string,
  ) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private objectId(): string {
    return this.known.objects.length > 0 && this.chance(0.9) ? this.pick(this.known.objects) : this.pick(['manager_ServerManager', 'x', '', 'a/b/c_kurento.PassThrough']);
  }

  private typeOf(id: string): string {
    if (id === 'manager_ServerManager') return 'ServerManager';
    const match = /_kurento\.(\w+)$/.exec(id);
    return match?.[1] ?? 'MediaPipeline';
  }

  /** A plausible value of a catalog type. */
  value(type: ValueType, depth = 0): Json {
    switch (type.kind) {
      case 'int':
      case 'int64':
        return Math.floor(this.random() * 2000) - 100;
      case 'float':
      case 'double':
        return this.random() * 100;
      case 'boolean':
        return this.chance(0.5);
      case 'string':
        return this.pick(['', 'default', `file://${this.uriFolder}/fuzz.webm`, `file://${this.uriFolder}/missing.mp4`, 'v=0\r\n', 'hflip', '#ff8800']);
      case 'object':
        return this.objectId();
      case 'array':
        return depth > 2 ? [] : [this.value(type.of, depth + 1)];
      case 'map':
        return depth > 2 ? {} : { k: this.value(type.of, depth + 1) };
      case 'complex': {
        const spec = findComplexType(type.name);
        if (!spec) return null;
        if (spec.kind === 'enum') return this.pick(spec.values);
        if (depth > 2) return {};
        return Object.fromEntries(spec.fields.map((f) => [f.name, this.value(f.type, depth + 1)]));
      }
    }
  }

  private params(): { method: string; params: { [key: string]: Json } } {
    const roll = this.random();
    if (roll < 0.05) return { method: 'ping', params: { interval: 240000 } };
    if (roll < 0.1) return { method: 'describe', params: { object: this.objectId() } };
    if (roll < 0.2) return { method: 'create', params: { type: 'MediaPipeline', properties: {} } };
    if (roll < 0.35) return this.create();
    if (roll < 0.65) return this.invoke();
    if (roll < 0.72) return { method: 'subscribe', params: { object: this.objectId(), type: this.event() } };
    if (roll < 0.75) return { method: 'unsubscribe', params: { subscription: this.known.subscriptions.length ? this.pick(this.known.subscriptions) : 'none', object: this.objectId() } };
    if (roll < 0.8) return { method: 'release', params: { object: this.objectId() } };
    if (roll < 0.87) return this.transaction();
    if (roll < 0.9) return { method: 'connect', params: this.known.sessionIds.length ? { sessionId: this.pick(this.known.sessionIds) } : {} };
    if (roll < 0.93) return { method: this.pick(['keepAlive', 'ref', 'unref']), params: { object: this.objectId() } };
    return { method: this.pick(['closeSession', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'Create', '']), params: {} };
  }

  private create(): { method: string; params: { [key: string]: Json } } {
    const spec = this.pick(creatableTypes());
    const params: { [key: string]: Json } = {};
    for (const p of spec.constructorParams ?? []) {
      if (p.optional && this.chance(0.6)) continue;
      params[p.name] = p.name === 'mediaPipeline' ? this.pick(this.known.objects.filter((id) => id.endsWith('MediaPipeline')).concat('none')) : this.value(p.type);
    }
    return { method: 'create', params: { type: spec.name, constructorParams: params, properties: {} } };
  }

  private invoke(): { method: string; params: { [key: string]: Json } } {
    const object = this.objectId();
    const type = this.typeOf(object);
    const methods = safeList(() => allMethods(type)).filter((m) => m.name !== 'getUsedCpu');
    const properties = safeList(() => allProperties(type));
    if (methods.length > 0 && (properties.length === 0 || this.chance(0.6))) {
      const m = this.pick(methods);
      const args = Object.fromEntries(m.params.filter((p) => !p.optional || this.chance(0.5)).map((p) => [p.name, this.value(p.type)]));
      return { method: 'invoke', params: { object, operation: m.name, operationParams: args } };
    }
    if (properties.length === 0) return { method: 'invoke', params: { object, operation: 'getName' } };
    const p = this.pick(properties);
    const name = p.name.charAt(0).toUpperCase() + p.name.slice(1);
    return this.chance(0.5)
      ? { method: 'invoke', params: { object, operation: `get${name}` } }
      : { method: 'invoke', params: { object, operation: `set${name}`, operationParams: { [p.name]: this.value(p.type) } } };
  }

  private event(): string {
    const type = this.typeOf(this.objectId());
    const events = safeList(() => allEvents(type));
    return events.length > 0 && this.chance(0.9) ? this.pick(events) : this.pick(['Nope', 'EndOfStream', '*']);
  }

  private transaction(): { method: string; params: { [key: string]: Json } } {
    const operations: Json[] = [
      { jsonrpc: '2.0', id: 0, method: 'create', params: { type: 'MediaPipeline' } },
      { jsonrpc: '2.0', id: 1, method: 'create', params: { type: 'PassThrough', constructorParams: { mediaPipeline: 'newref:0' } } },
      { jsonrpc: '2.0', id: 2, method: 'invoke', params: { object: 'newref:1', operation: 'connect', operationParams: { sink: 'newref:1' } } },
    ];
    if (this.chance(0.5)) operations.push({ jsonrpc: '2.0', id: 3, method: 'release', params: { object: 'newref:0' } });
    return { method: 'transaction', params: { operations } };
  }

  /** A valid request, with the session id when one is known. */
  request(id: number, sessionId: string | undefined): { [key: string]: Json } {
    const { method, params } = this.params();
    return { jsonrpc: '2.0', id, method, params: sessionId && this.chance(0.9) ? { ...params, sessionId } : params };
  }

  /** Garbage for a value: the wrong type, a huge string, a prototype name, deep nesting. */
  private garbage(depth = 0): Json {
    const roll = this.random();
    if (roll < 0.1) return null;
    if (roll < 0.2) return this.random() * 1e12 * (this.chance(0.5) ? -1 : 1);
    if (roll < 0.3) return this.chance(0.5);
    if (roll < 0.4) return this.pick(['', '__proto__', 'constructor', 'newref:0', 'newref:99', '\u0000', '😀'.repeat(50), 'x'.repeat(5000)]);
    if (roll < 0.5) return Number.MAX_SAFE_INTEGER;
    if (roll < 0.6) return depth > 3 ? [] : [this.garbage(depth + 1), this.garbage(depth + 1)];
    // Parsed, so `__proto__` is an own key, as it is in a frame from the network.
    if (roll < 0.7) return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"toString":"x"}') as Json;
    if (roll < 0.75) return nest(200);
    return this.objectId();
  }

  /** Mutates a request: one to three structural changes. */
  mutate(message: { [key: string]: Json }): { [key: string]: Json } {
    const copy = JSON.parse(JSON.stringify(message)) as { [key: string]: Json };
    const rounds = 1 + Math.floor(this.random() * 3);
    for (let i = 0; i < rounds; i++) {
      const paths = collectPaths(copy);
      const [parent, key] = this.pick(paths);
      const roll = this.random();
      if (roll < 0.5) (parent as Record<string, Json>)[key] = this.garbage();
      else if (roll < 0.7) delete (parent as Record<string, Json>)[key];
      else if (roll < 0.85 && !Array.isArray(parent)) (parent as Record<string, Json>)[this.pick(['__proto__', 'constructor', 'extra', 'sessionId', 'operationParams'])] = this.garbage();
      else (parent as Record<string, Json>)[key] = this.pick(['jsonrpc', '2.0', 'invoke', 'create', 'newref:1']);
    }
    return copy;
  }

  /** Damage to the JSON text itself: truncation, flipped characters, junk. */
  corruptText(text: string): string {
    const roll = this.random();
    if (roll < 0.3) return text.slice(0, Math.floor(this.random() * text.length));
    if (roll < 0.6) {
      const at = Math.floor(this.random() * text.length);
      return text.slice(0, at) + String.fromCharCode(Math.floor(this.random() * 0x3000)) + text.slice(at + 1);
    }
    if (roll < 0.7) return `[${text},${text}]`;
    if (roll < 0.8) return String(Math.floor(this.random() * 1000));
    if (roll < 0.9) return `{"jsonrpc":"2.0","id":1,"method":"ping","params":${'['.repeat(5000)}`;
    return Array.from({ length: 1 + Math.floor(this.random() * 200) }, () => String.fromCharCode(Math.floor(this.random() * 256))).join('');
  }
}

function safeList<T>(make: () => T[]): T[] {
  try {
    return make();
  } catch {
    return [];
  }
}

function nest(depth: number): Json {
  let value: Json = 'deep';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

function collectPaths(root: { [key: string]: Json }): Array<[Json, string]> {
  const paths: Array<[Json, string]> = [];
  const walk = (node: Json, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      paths.push([node, key]);
      walk((node as Record<string, Json>)[key]!, depth + 1);
    }
  };
  walk(root, 0);
  return paths;
}
