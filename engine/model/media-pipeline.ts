/** MediaPipeline: the container of elements and hubs, and of the connections between them. */
import { categoryOf, creatableTypes, isA, isCreatable, userParams } from '../catalog/catalog.ts';
import { checkFields, isPlainObject, suggest } from '../catalog/values.ts';
import { MediaError } from '../errors.ts';
import { createsObject } from './object-factories.ts';
import { Hub } from './hub.ts';
import { HubPort } from './hub-port.ts';
import { MediaElement, type Connection } from './media-element.ts';
import { MediaObject } from './media-object.ts';

export class MediaPipeline extends MediaObject {
  /** Every element and hub of the pipeline by id (HubPorts included). */
  private readonly objects = new Map<string, MediaObject>();
  /** All connections; MediaElement owns the rules, the pipeline only keeps the list. */
  readonly connections: Connection[] = [];

  constructor(params: Record<string, unknown> = {}) {
    super('MediaPipeline', undefined, '', params);
  }

  get pipeline(): MediaPipeline {
    return this;
  }

  /**
   * Creates an element, hub or hub port of a catalog type. `params` are its constructor
   * params (without mediaPipeline); a HubPort takes `hub` as a Hub or its id.
   */
  create(type: string, params: Record<string, unknown> = {}): MediaObject {
    this.assertAlive();
    if (!isCreatable(type)) {
      throw new MediaError('MEDIA_OBJECT_NOT_AVAILABLE', `Unknown element type '${type}'${suggest(type, creatableTypes().map((s) => s.name))}`);
    }
    if (!isPlainObject(params)) throw new MediaError('MARSHALL_ERROR', `${type}: constructor params must be an object`);
    const { hub: hubRef, mediaPipeline: _ignored, ...own } = params;
    const problems = checkFields(userParams(type), own, '', type);
    if (problems.length > 0) {
      throw new MediaError('MARSHALL_ERROR', `Cannot create ${type}: ${problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ')}`);
    }
    let created: MediaObject;
    if (type === 'HubPort') {
      const hub = hubRef instanceof Hub ? hubRef : typeof hubRef === 'string' ? this.resolve(hubRef, 'Hub') : undefined;
      if (!(hub instanceof Hub)) throw new MediaError('MARSHALL_ERROR', "Cannot create HubPort: 'hub' must name a hub of this pipeline");
      created = createsObject(type, { pipeline: this, hub, params: own }) ?? new HubPort(hub, own);
    } else {
      created = createsObject(type, { pipeline: this, params: own }) ?? this.defaultObject(type, own);
    }
    created.constructorParams = structuredClone(own);
    this.objects.set(created.id, created);
    return created;
  }

  private defaultObject(type: string, params: Record<string, unknown>): MediaObject {
    return categoryOf(type) === 'hub' ? new Hub(type, this, params) : new MediaElement(type, this, this, params);
  }

  /** Looks up an object of this pipeline by id and checks its class. */
  resolve(id: string, className = 'MediaObject'): MediaObject {
    const found = id === this.id ? this : this.objects.get(id);
    if (!found || found.released) throw new MediaError('MEDIA_OBJECT_NOT_FOUND', `Object '${id}' not found in pipeline ${this.id}`);
    if (!isA(found.type, className)) throw new MediaError('MARSHALL_ERROR', `Object '${id}' is a ${found.type}, not a ${className}`);
    return found;
  }

  get elements(): MediaObject[] {
    return [...this.objects.values()];
  }

  /** Called by an object as it is released. */
  forget(object: MediaObject): void {
    this.objects.delete(object.id);
  }

  protected override onRelease(): void {
    // Children (elements and hubs, with their ports) were released first by MediaObject.release.
    this.objects.clear();
    this.connections.length = 0;
  }
}
