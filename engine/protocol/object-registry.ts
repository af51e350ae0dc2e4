/**
 * Every object the protocol server has made, found by id across pipelines, plus the
 * ServerManager. Creation and release go through here so ObjectCreated/ObjectDestroyed
 * are raised for each object, children included.
 */
import { findClass, MediaError, MediaPipeline, type ClassSpec, type MediaObject } from '../index.ts';
import { isPlainObject } from '../catalog/values.ts';
import type { RemoteObject } from './operations.ts';
import { SERVER_MANAGER_ID, ServerManager, type ServerManagerSources } from './server-manager.ts';
import { fromWire } from './wire-values.ts';

/** Kurento's answer for a type it has no factory for. */
function noFactory(type: string): MediaError {
  return new MediaError('MEDIA_OBJECT_NOT_AVAILABLE', `Factory '${type}' not found`);
}

export class ObjectRegistry {
  readonly manager: ServerManager;
  private readonly pipelines = new Map<string, MediaPipeline>();

  constructor(sources: Omit<ServerManagerSources, 'pipelineIds'>) {
    this.manager = new ServerManager({ ...sources, pipelineIds: () => this.pipelineIds() });
  }

  pipelineIds(): string[] {
    return [...this.pipelines.values()].filter((p) => !p.released).map((p) => p.id);
  }

  /** The object with this id, or 40101 naming the id. */
  find(id: string): RemoteObject {
    if (id === SERVER_MANAGER_ID) return this.manager;
    const found = this.findMediaObject(id);
    if (!found) throw new MediaError('MEDIA_OBJECT_NOT_FOUND', `Object '${id}' not found`);
    return found;
  }

  findMediaObject(id: string): MediaObject | undefined {
    const pipeline = this.pipelines.get(id.split('/', 1)[0] ?? '');
    if (!pipeline || pipeline.released) return undefined;
    if (id === pipeline.id) return pipeline;
    return pipeline.elements.find((o) => o.id === id && !o.released);
  }

  /** `create`: a pipeline, or an element/hub/port inside the pipeline (or hub) its params name. */
  create(type: string, rawParams: unknown): MediaObject {
    const spec = findClass(type);
    if (!spec || spec.abstract || !spec.constructorParams || spec.name === 'ServerManager') throw noFactory(type);
    if (rawParams !== undefined && rawParams !== null && !isPlainObject(rawParams)) {
      throw new MediaError('MARSHALL_ERROR', `Cannot create ${type}: 'constructorParams' must be an object`);
    }
    const params = convertParams(spec, rawParams ?? {});
    const created = type === 'MediaPipeline' ? this.createPipeline(params) : this.createInside(spec, params);
    this.manager.emitEvent('ObjectCreated', { object: created.id });
    return created;
  }

  private createPipeline(params: Record<string, unknown>): MediaPipeline {
    if (Object.keys(params).length > 0) {
      throw new MediaError('MARSHALL_ERROR', `MediaPipeline takes no constructor params, got '${Object.keys(params).join("', '")}'`);
    }
    const pipeline = new MediaPipeline();
    this.pipelines.set(pipeline.id, pipeline);
    return pipeline;
  }

  private createInside(spec: ClassSpec, params: Record<string, unknown>): MediaObject {
    const { mediaPipeline, hub, ...own } = params;
    if (spec.name === 'HubPort') {
      if (typeof hub !== 'string') throw new MediaError('MARSHALL_ERROR', "Cannot create HubPort: 'hub' must be the id of a Hub");
      const owner = this.findMediaObject(hub);
      if (!owner) throw new MediaError('MEDIA_OBJECT_NOT_FOUND', `Cannot create HubPort: hub '${hub}' not found`);
      return owner.pipeline.create('HubPort', { ...own, hub });
    }
    if (typeof mediaPipeline !== 'string') {
      throw new MediaError('MARSHALL_ERROR', `Cannot create ${spec.name}: 'mediaPipeline' must be the id of a MediaPipeline`);
    }
    const pipeline = this.pipelines.get(mediaPipeline);
    if (!pipeline || pipeline.released) throw new MediaError('MEDIA_OBJECT_NOT_FOUND', `Cannot create ${spec.name}: pipeline '${mediaPipeline}' not found`);
    return pipeline.create(spec.name, own);
  }

  /** Releases an object and everything inside it; returns the ids that went away. */
  release(id: string): string[] {
    const object = this.find(id);
    if (object === this.manager) this.manager.release(); // throws: the manager lives as long as the server
    const media = object as MediaObject;
    const gone = [...descendants(media).map((o) => o.id), media.id];
    media.release();
    if (media instanceof MediaPipeline) this.pipelines.delete(media.id);
    for (const goneId of gone) this.manager.emitEvent('ObjectDestroyed', { objectId: goneId });
    return gone;
  }

  /** Every live object (pipelines and what they hold), for limits and leak checks. */
  objectCount(): number {
    let count = 0;
    for (const pipeline of this.pipelines.values()) if (!pipeline.released) count += 1 + pipeline.elements.length;
    return count;
  }

  /** Sum of event listeners on every live object: a leak check for subscriptions. */
  listenerCount(): number {
    let count = this.manager.listenerCount();
    for (const pipeline of this.pipelines.values()) {
      count += pipeline.listenerCount();
      for (const element of pipeline.elements) count += element.listenerCount();
    }
    return count;
  }

  releaseAll(): void {
    for (const id of [...this.pipelines.keys()]) if (this.findMediaObject(id)) this.release(id);
    this.pipelines.clear();
  }
}

/** Children first, deepest first: the order release tears them down. */
export function descendants(object: MediaObject): MediaObject[] {
  return object.children.flatMap((child) => [...descendants(child), child]);
}

function convertParams(spec: ClassSpec, params: Record<string, unknown>): Record<string, unknown> {
  const types = new Map((spec.constructorParams ?? []).map((p) => [p.name, p.type]));
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, fromWire(types.get(key), value)]));
}
