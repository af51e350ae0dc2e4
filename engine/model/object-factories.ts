/**
 * Where element implementations register themselves. A type without a factory is built as a
 * plain MediaElement or Hub (the object model works; media arrives with its implementation).
 */
import type { Hub } from './hub.ts';
import type { MediaObject } from './media-object.ts';
import type { MediaPipeline } from './media-pipeline.ts';

export interface FactoryContext {
  pipeline: MediaPipeline;
  /** Set when the object is a HubPort. */
  hub?: Hub;
  /** Constructor params, already checked against the catalog. */
  params: Record<string, unknown>;
}

export type ObjectFactory = (context: FactoryContext) => MediaObject;

const factories = new Map<string, ObjectFactory>();

export function registerObjectFactory(type: string, factory: ObjectFactory): void {
  factories.set(type, factory);
}

export function createsObject(type: string, context: FactoryContext): MediaObject | undefined {
  return factories.get(type)?.(context);
}
