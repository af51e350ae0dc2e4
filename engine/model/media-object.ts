/**
 * MediaObject: id, name, tags, properties, events and release, as Kurento defines them.
 * Properties and method signatures come from the catalog, so every object validates its
 * input the same way whichever entry point (editor RPC, Kurento Protocol, documents) calls it.
 */
import { randomUUID } from 'node:crypto';
import { allEvents, allMethods, allProperties, findProperty, getClass } from '../catalog/catalog.ts';
import type { PropertySpec } from '../catalog/types.ts';
import { isMalformedString } from '../catalog/string-formats.ts';
import { checkValue } from '../catalog/values.ts';
import { MediaError } from '../errors.ts';
import type { MediaPipeline } from './media-pipeline.ts';

/**
 * The data every event carries, Kurento's RaiseBase plus the event's own fields. `type` is the
 * event's name, except for Error, whose own `type` field (the error kind, e.g.
 * RESOURCE_ERROR_OPEN) takes its place on the wire as in Kurento; listeners get the name apart.
 */
export interface MediaEvent {
  type: string;
  source: string;
  timestampMillis: string;
  tags: { key: string; value: string }[];
  [field: string]: unknown;
}

export type EventListener = (event: MediaEvent, eventName: string) => void;

/** Properties every MediaObject answers from its own state rather than the property table. */
const INTRINSIC = new Set(['id', 'mediaPipeline', 'parent', 'children', 'name', 'sendTagsInEvents', 'creationTime']);

export abstract class MediaObject {
  readonly id: string;
  readonly type: string;
  readonly creationTime = Math.floor(Date.now() / 1000);
  name: string;
  sendTagsInEvents = false;
  /** The constructor params it was created with (set once by MediaPipeline.create), for export. */
  constructorParams: Readonly<Record<string, unknown>> = {};
  protected readonly tags = new Map<string, string>();
  protected readonly propertyValues = new Map<string, unknown>();
  protected readonly childObjects = new Set<MediaObject>();
  private readonly listeners = new Map<string, Set<EventListener>>();
  private readonly anyListeners = new Set<EventListener>();
  private releasedFlag = false;

  constructor(
    type: string,
    readonly parent: MediaObject | undefined,
    idPrefix: string,
    params: Record<string, unknown> = {},
  ) {
    this.type = type;
    // `_kurento.` for Kurento's own modules, `_<module>.` for others (Fluo's elements), as in KMS.
    const module = getClass(type).module;
    this.id = `${idPrefix}${randomUUID()}_${module === 'fluo' ? 'fluo' : 'kurento'}.${type}`;
    this.name = this.id;
    for (const spec of allProperties(type)) {
      if (INTRINSIC.has(spec.name)) continue;
      const value = spec.name in params ? params[spec.name] : spec.default;
      if (value !== undefined) this.propertyValues.set(spec.name, value);
    }
    parent?.childObjects.add(this);
  }

  abstract get pipeline(): MediaPipeline;

  get released(): boolean {
    return this.releasedFlag;
  }

  get children(): MediaObject[] {
    return [...this.childObjects];
  }

  // ---- tags ---------------------------------------------------------------

  addTag(key: string, value: string): void {
    this.assertAlive();
    this.tags.set(key, value);
  }

  removeTag(key: string): void {
    this.tags.delete(key);
  }

  getTag(key: string): string {
    const value = this.tags.get(key);
    if (value === undefined) throw new MediaError('MEDIA_OBJECT_TAG_KEY_NOT_FOUND', `${this.describe()} has no tag '${key}'`);
    return value;
  }

  getTags(): { key: string; value: string }[] {
    return [...this.tags].map(([key, value]) => ({ key, value }));
  }

  // ---- properties ---------------------------------------------------------

  getProperty(name: string): unknown {
    switch (name) {
      case 'id':
        return this.id;
      case 'name':
        return this.name;
      case 'mediaPipeline':
        return this.pipeline.id;
      case 'parent':
        return this.parent?.id;
      case 'children':
        return this.children.map((c) => c.id);
      case 'sendTagsInEvents':
        return this.sendTagsInEvents;
      case 'creationTime':
        return this.creationTime;
    }
    this.propertySpec(name);
    return this.propertyValues.get(name);
  }

  setProperty(name: string, value: unknown): void {
    this.assertAlive();
    const spec = this.propertySpec(name);
    if (spec.access !== 'rw') {
      throw new MediaError('MEDIA_OBJECT_OPERATION_NOT_SUPPORTED', `${this.describe()}: property '${name}' is read-only`);
    }
    const problems = checkValue(spec.type, value);
    if (problems.length > 0) {
      const type = isMalformedString(spec.type, value) ? 'MEDIA_OBJECT_ILLEGAL_PARAM_ERROR' : 'MARSHALL_ERROR';
      throw new MediaError(type, `${this.describe()}: property '${name}' ${problems.map((p) => p.message).join('; ')}`);
    }
    if (name === 'name') this.name = value as string;
    else if (name === 'sendTagsInEvents') this.sendTagsInEvents = value as boolean;
    else {
      const previous = this.propertyValues.get(name);
      this.propertyValues.set(name, value);
      this.onPropertyChanged(name, value, previous);
    }
  }

  /** Properties whose value differs from the catalog default (what a document needs to store). */
  changedProperties(): Record<string, unknown> {
    const changed: Record<string, unknown> = {};
    for (const spec of allProperties(this.type)) {
      if (spec.access !== 'rw' || INTRINSIC.has(spec.name) || !this.propertyValues.has(spec.name)) continue;
      const value = this.propertyValues.get(spec.name);
      if (JSON.stringify(value) !== JSON.stringify(spec.default)) changed[spec.name] = value;
    }
    return changed;
  }

  /** Hook for elements whose media reacts to a property (e.g. a bitrate). */
  protected onPropertyChanged(_name: string, _value: unknown, _previous: unknown): void {}

  private propertySpec(name: string): PropertySpec {
    const spec = findProperty(this.type, name);
    if (!spec) throw new MediaError('MEDIA_OBJECT_METHOD_NOT_FOUND', `${this.describe()} has no property '${name}'`);
    return spec;
  }

  // ---- methods --------------------------------------------------------------

  /**
   * Calls a catalog method by name with arguments by parameter name, after checking them
   * against the catalog: the generic entry point of the protocol and the editor.
   */
  async invoke(operation: string, params: Record<string, unknown> = {}): Promise<unknown> {
    this.assertAlive();
    const spec = allMethods(this.type).find((m) => m.name === operation);
    if (!spec) throw new MediaError('MEDIA_OBJECT_METHOD_NOT_FOUND', `${this.describe()} has no method '${operation}'`);
    for (const key of Object.keys(params)) {
      if (!spec.params.some((p) => p.name === key)) {
        throw new MediaError('MARSHALL_ERROR', `${this.describe()}.${operation}: unknown argument '${key}'`);
      }
    }
    const args = spec.params.map((p) => {
      const value = params[p.name];
      if (value === undefined || value === null) {
        if (!p.optional) throw new MediaError('MARSHALL_ERROR', `${this.describe()}.${operation}: missing argument '${p.name}'`);
        return p.default;
      }
      const problems = checkValue(p.type, value);
      if (problems.length > 0) {
        throw new MediaError('MARSHALL_ERROR', `${this.describe()}.${operation}: argument '${p.name}' ${problems.map((x) => x.message).join('; ')}`);
      }
      return p.type.kind === 'object' ? this.resolveReference(value as string, p.type.className) : value;
    });
    const implementation = (this as unknown as Record<string, unknown>)[operation];
    if (typeof implementation !== 'function') {
      throw new MediaError('NOT_IMPLEMENTED', `${this.describe()}.${operation} is not available in this engine yet`);
    }
    return await (implementation as (...a: unknown[]) => unknown).apply(this, args);
  }

  /** Turns an object id argument into the object, checking its class. */
  protected resolveReference(id: string, className: string): MediaObject {
    return this.pipeline.resolve(id, className);
  }

  // ---- events ---------------------------------------------------------------

  on(type: string, listener: EventListener): () => void {
    if (type !== '*' && !allEvents(this.type).includes(type) && !this.declaresEvent(type)) {
      throw new MediaError('MEDIA_OBJECT_EVENT_NOT_SUPPORTED', `${this.describe()} has no event '${type}'`);
    }
    const set = type === '*' ? this.anyListeners : (this.listeners.get(type) ?? new Set<EventListener>());
    if (type !== '*') this.listeners.set(type, set);
    set.add(listener);
    return () => this.off(type, listener);
  }

  off(type: string, listener: EventListener): void {
    if (type === '*') this.anyListeners.delete(listener);
    else this.listeners.get(type)?.delete(listener);
  }

  listenerCount(): number {
    let count = this.anyListeners.size;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  /** Raises an event with Kurento's base fields filled in. */
  emitEvent(type: string, fields: Record<string, unknown> = {}): MediaEvent {
    const event: MediaEvent = {
      type,
      source: this.id,
      timestampMillis: String(Date.now()),
      tags: this.sendTagsInEvents ? this.getTags() : [],
      ...fields,
    };
    if (this.releasedFlag) return event;
    for (const listener of [...(this.listeners.get(type) ?? []), ...this.anyListeners]) {
      try {
        listener(event, type);
      } catch (error) {
        // A failing listener must not break the element or the other listeners.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    return event;
  }

  /** Kurento's Error event: an element's failure reported without throwing into the pipeline. */
  emitError(description: string, errorCode: number, type: string): void {
    this.emitEvent('Error', { description, errorCode, type });
  }

  private declaresEvent(type: string): boolean {
    return type === 'Error';
  }

  // ---- lifetime -------------------------------------------------------------

  /** Releases the object and, first, everything it contains. Idempotent. */
  release(): void {
    if (this.releasedFlag) return;
    for (const child of [...this.childObjects]) child.release();
    this.onRelease();
    this.releasedFlag = true;
    this.parent?.childObjects.delete(this);
    this.listeners.clear();
    this.anyListeners.clear();
  }

  /** Hook: stop timers, close handles, disconnect. Runs before listeners are dropped. */
  protected onRelease(): void {}

  protected assertAlive(): void {
    if (this.releasedFlag) throw new MediaError('MEDIA_OBJECT_NOT_FOUND', `${this.describe()} has been released`);
  }

  describe(): string {
    return this.name !== this.id ? `${this.type} '${this.name}'` : `${this.type} ${this.id}`;
  }

  /** The class chain Kurento's `describe` reports, nearest first, without the class itself. */
  hierarchy(): string[] {
    const chain: string[] = [];
    for (let spec = getClass(this.type); spec.extends; spec = getClass(spec.extends)) chain.push(spec.extends);
    return chain;
  }
}
