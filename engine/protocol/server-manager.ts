/**
 * `manager_ServerManager`: the one object every Kurento server has. kurento-client reads its
 * `getInfo()` on connect and refuses servers whose modules lack core/elements/filters.
 */
import { cpus } from 'node:os';
import { allEvents, allMethods, checkFields, findProperty, MediaError, type EventListener, type MediaEvent } from '../index.ts';
import { moduleDescriptor, moduleInfos, KURENTO_API_VERSION, MODULES } from './kmd.ts';
import type { RemoteObject } from './operations.ts';
import { ProtocolError } from './wire.ts';

export const SERVER_MANAGER_ID = 'manager_ServerManager';

export interface ServerManagerSources {
  pipelineIds(): string[];
  sessionIds(): string[];
  metadata: string;
}

/** Longest `getUsedCpu` interval honoured, so a client cannot park a request for minutes. */
const MAX_CPU_INTERVAL_MS = 5_000;

export class ServerManager implements RemoteObject {
  readonly id = SERVER_MANAGER_ID;
  readonly type = 'ServerManager';
  readonly released = false;
  readonly creationTime = Math.floor(Date.now() / 1000);
  private readonly generationTime = new Date().toISOString();
  private name = SERVER_MANAGER_ID;
  private sendTagsInEvents = false;
  private readonly tags = new Map<string, string>();
  private readonly listeners = new Map<string, Set<EventListener>>();

  constructor(private readonly sources: ServerManagerSources) {}

  info(): Record<string, unknown> {
    return { version: KURENTO_API_VERSION, modules: moduleInfos(this.generationTime), type: 'KMS', capabilities: ['transactions'] };
  }

  getProperty(name: string): unknown {
    switch (name) {
      case 'info':
        return this.info();
      case 'pipelines':
        return this.sources.pipelineIds();
      case 'sessions':
        return this.sources.sessionIds();
      case 'metadata':
        return this.sources.metadata;
      case 'id':
        return this.id;
      case 'name':
        return this.name;
      case 'sendTagsInEvents':
        return this.sendTagsInEvents;
      case 'creationTime':
        return this.creationTime;
      case 'children':
        return [];
      case 'mediaPipeline':
      case 'parent':
        return undefined;
    }
    throw new MediaError('MEDIA_OBJECT_METHOD_NOT_FOUND', `ServerManager has no property '${name}'`);
  }

  setProperty(name: string, value: unknown): void {
    const spec = findProperty(this.type, name);
    const problems = spec ? checkFields([{ name, type: spec.type, description: '' }], { [name]: value }, '', 'ServerManager') : [];
    if (problems.length > 0) throw new MediaError('MARSHALL_ERROR', `ServerManager: ${problems.map((p) => p.message).join('; ')}`);
    if (name === 'name') this.name = value as string;
    else if (name === 'sendTagsInEvents') this.sendTagsInEvents = value as boolean;
    else throw new MediaError('MEDIA_OBJECT_OPERATION_NOT_SUPPORTED', `ServerManager: property '${name}' is read-only`);
  }

  async invoke(operation: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const spec = allMethods(this.type).find((m) => m.name === operation);
    if (!spec) throw new MediaError('MEDIA_OBJECT_METHOD_NOT_FOUND', `ServerManager has no method '${operation}'`);
    const problems = checkFields(spec.params, params, '', `ServerManager.${operation}`);
    if (problems.length > 0) throw new MediaError('MARSHALL_ERROR', problems.map((p) => p.message).join('; '));
    switch (operation) {
      case 'getKmd':
        return this.kmd(params.moduleName as string);
      case 'getCpuCount':
        return cpus().length;
      case 'getUsedCpu':
        return await usedCpu(Math.min(Math.max(params.interval as number, 0), MAX_CPU_INTERVAL_MS));
      case 'getUsedMemory':
        return Math.round(process.memoryUsage().rss / 1024);
      case 'addTag':
        this.tags.set(params.key as string, params.value as string);
        return undefined;
      case 'removeTag':
        this.tags.delete(params.key as string);
        return undefined;
      case 'getTag': {
        const value = this.tags.get(params.key as string);
        if (value === undefined) throw new MediaError('MEDIA_OBJECT_TAG_KEY_NOT_FOUND', `ServerManager has no tag '${String(params.key)}'`);
        return value;
      }
      case 'getTags':
        return [...this.tags].map(([key, value]) => ({ key, value }));
    }
    throw new MediaError('NOT_IMPLEMENTED', `ServerManager.${operation} is not available`);
  }

  private kmd(moduleName: string): string {
    const module = MODULES.find((m) => m === moduleName);
    if (!module) throw new ProtocolError('SERVER_MANAGER_ERROR_KMD_NOT_FOUND', `No kmd for module '${moduleName}' (modules: ${MODULES.join(', ')})`);
    return JSON.stringify(moduleDescriptor(module));
  }

  on(type: string, listener: EventListener): () => void {
    if (!allEvents(this.type).includes(type)) {
      throw new MediaError('MEDIA_OBJECT_EVENT_NOT_SUPPORTED', `ServerManager has no event '${type}'`);
    }
    const set = this.listeners.get(type) ?? new Set<EventListener>();
    this.listeners.set(type, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(type);
    };
  }

  listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  emitEvent(type: 'ObjectCreated' | 'ObjectDestroyed', fields: Record<string, unknown>): void {
    const tags = this.sendTagsInEvents ? [...this.tags].map(([key, value]) => ({ key, value })) : [];
    const event: MediaEvent = { ...fields, type, source: this.id, timestampMillis: String(Date.now()), tags };
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event, type);
  }

  hierarchy(): string[] {
    return ['MediaObject'];
  }

  release(): void {
    throw new MediaError('MEDIA_OBJECT_OPERATION_NOT_SUPPORTED', 'The ServerManager cannot be released');
  }
}

/** Percentage of total CPU time (all cores) spent busy over `intervalMs`. */
async function usedCpu(intervalMs: number): Promise<number> {
  const sample = (): { busy: number; total: number } => {
    let busy = 0;
    let total = 0;
    for (const cpu of cpus()) {
      const { user, nice, sys, irq, idle } = cpu.times;
      busy += user + nice + sys + irq;
      total += user + nice + sys + irq + idle;
    }
    return { busy, total };
  };
  const before = sample();
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
  const after = sample();
  const total = after.total - before.total;
  return total > 0 ? (100 * (after.busy - before.busy)) / total : 0;
}
