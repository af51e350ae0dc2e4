/**
 * The catalog facts validation asks for again and again (category, pads, params, properties
 * of a type), looked up once per type. The catalog is fixed at startup, so caching is safe,
 * and it keeps a 500-element document well under the time a person notices.
 */
import { allProperties, categoryOf, padsOf, userParams, type ElementCategory, type PadSpec, type ParamSpec, type PropertySpec } from '../../engine/index.ts';

export interface TypeFacts {
  category: ElementCategory;
  pads: { sources: PadSpec[]; sinks: PadSpec[] };
  params: ParamSpec[];
  properties: Map<string, PropertySpec>;
}

const cache = new Map<string, TypeFacts>();

/** Facts about a catalog type; `type` must be a known class. */
export function factsOf(type: string): TypeFacts {
  let facts = cache.get(type);
  if (!facts) {
    facts = { category: categoryOf(type), pads: padsOf(type), params: userParams(type), properties: new Map(allProperties(type).map((p) => [p.name, p])) };
    cache.set(type, facts);
  }
  return facts;
}
