/**
 * A running pipeline → its document. Reads what instantiate.ts left in names and `fluo.*` tags,
 * and what the engine knows (types, hubs, property values, connections), so live edits made
 * after instantiation (new elements, changed properties, rewired connections) are exported too.
 */
import { HubPort, MEDIA_TYPES, MediaElement, type MediaObject, type MediaPipeline, type MediaType } from '../../engine/index.ts';
import { factsOf } from './catalog-facts.ts';
import { TAGS } from './tags.ts';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type DocumentCall, type DocumentConnection, type DocumentElement, type DocumentMetadata, type PipelineDocument } from './types.ts';
import { ELEMENT_ID } from './validate-elements.ts';

export function exportPipeline(pipeline: MediaPipeline): PipelineDocument {
  const objects = ordered(pipeline);
  const ids = documentIds(objects);
  const metadata = readTag<DocumentMetadata>(pipeline, TAGS.metadata) ?? { name: pipeline.name };
  if (pipeline.name !== pipeline.id) metadata.name = pipeline.name;
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    metadata,
    elements: objects.map((object) => exportElement(object, ids)),
    connections: exportConnections(pipeline, ids),
  };
}

/** The pipeline's objects in document order; objects added later follow in creation order. */
function ordered(pipeline: MediaPipeline): MediaObject[] {
  const order = readTag<string[]>(pipeline, TAGS.order) ?? [];
  const rank = new Map(order.map((id, i) => [id, i]));
  const created = new Map(pipeline.elements.map((o, i) => [o, order.length + i]));
  const position = (o: MediaObject): number => rank.get(o.name) ?? created.get(o)!;
  return [...created.keys()].sort((a, b) => position(a) - position(b));
}

/** Document ids: the object's name where it is one (and unique), else a fresh `<type><n>`. */
function documentIds(objects: MediaObject[]): Map<MediaObject, string> {
  const ids = new Map<MediaObject, string>();
  const taken = new Set<string>();
  for (const o of objects) {
    if (ELEMENT_ID.test(o.name) && !taken.has(o.name)) {
      ids.set(o, o.name);
      taken.add(o.name);
    }
  }
  for (const o of objects) {
    if (ids.has(o)) continue;
    const base = o.type.charAt(0).toLowerCase() + o.type.slice(1);
    let n = 1;
    while (taken.has(`${base}${n}`)) n++;
    ids.set(o, `${base}${n}`);
    taken.add(`${base}${n}`);
  }
  return ids;
}

function exportElement(object: MediaObject, ids: Map<MediaObject, string>): DocumentElement {
  const element: DocumentElement = { id: ids.get(object)!, type: object.type };
  const label = tag(object, TAGS.label);
  if (label !== undefined) element.label = label;
  // Objects built outside a document (e.g. over the Kurento Protocol) have no params tag.
  const created = Object.keys(object.constructorParams).length > 0 ? { ...object.constructorParams } : undefined;
  const own = readTag<Record<string, unknown>>(object, TAGS.params) ?? created;
  if (object instanceof HubPort) element.params = { ...own, hub: ids.get(object.hub)! };
  else if (own) element.params = own;
  const properties = exportProperties(object, own ?? {});
  if (properties) element.properties = properties;
  const calls = readTag<DocumentCall[]>(object, TAGS.calls);
  if (calls) element.calls = calls;
  const position = readTag<{ x: number; y: number }>(object, TAGS.position);
  if (position) element.position = position;
  return element;
}

/**
 * Properties the document set, plus those moved away from their catalog default (or from the
 * constructor param of the same name). A property without a catalog default is exported only
 * when the document set it: the catalog cannot tell configuration from runtime state there
 * (PlayerEndpoint.position is rw, has no default and changes as the video plays).
 */
function exportProperties(object: MediaObject, params: Record<string, unknown>): Record<string, unknown> | undefined {
  const set = readTag<string[]>(object, TAGS.properties);
  const properties: Record<string, unknown> = {};
  for (const spec of factsOf(object.type).properties.values()) {
    if (spec.access !== 'rw' || spec.name === 'name') continue;
    const value = object.getProperty(spec.name);
    const initial = spec.name in params ? params[spec.name] : spec.default;
    const changed = initial !== undefined && value !== undefined && JSON.stringify(value) !== JSON.stringify(initial);
    if (changed || set?.includes(spec.name)) properties[spec.name] = value;
  }
  return set !== undefined || Object.keys(properties).length > 0 ? properties : undefined;
}

interface Link {
  from: string;
  fromPad: string;
  to: string;
  toPad: string;
  sourceType: string;
  sinkType: string;
}

/** The connections as the document wrote them while they still describe the pipeline, else derived. */
function exportConnections(pipeline: MediaPipeline, ids: Map<MediaObject, string>): DocumentConnection[] {
  const live = new Set<string>();
  const groups = new Map<string, { link: Link; types: MediaType[] }>();
  for (const c of pipeline.connections) {
    const link: Link = { from: ids.get(c.source)!, fromPad: c.sourceDescription, to: ids.get(c.sink)!, toPad: c.sinkDescription, sourceType: c.source.type, sinkType: c.sink.type };
    live.add(key(link, c.mediaType));
    const group = groups.get(key(link)) ?? { link, types: [] };
    group.types.push(c.mediaType);
    groups.set(key(link), group);
  }
  const written = readTag<DocumentConnection[]>(pipeline, TAGS.connections);
  if (written && matches(written, live, [...ids.entries()])) return written;
  return [...groups.values()].flatMap(({ link, types }) => {
    const all = sharedTypes(link);
    const base = connection(link);
    return all.length === types.length && all.every((t) => types.includes(t))
      ? [base]
      : MEDIA_TYPES.filter((t) => types.includes(t)).map((mediaType) => ({ ...base, mediaType }));
  });
}

function matches(written: DocumentConnection[], live: Set<string>, objects: [MediaObject, string][]): boolean {
  const typeOf = new Map(objects.filter(([o]) => o instanceof MediaElement).map(([o, id]) => [id, o.type]));
  const expanded = new Set<string>();
  for (const c of written) {
    const sourceType = typeOf.get(c.from);
    const sinkType = typeOf.get(c.to);
    if (!sourceType || !sinkType) return false;
    const link: Link = { from: c.from, fromPad: c.fromPad ?? 'default', to: c.to, toPad: c.toPad ?? 'default', sourceType, sinkType };
    for (const type of c.mediaType ? [c.mediaType] : sharedTypes(link)) expanded.add(key(link, type));
  }
  return expanded.size === live.size && [...expanded].every((k) => live.has(k));
}

function sharedTypes(link: Link): MediaType[] {
  const produced = factsOf(link.sourceType).pads.sources.find((p) => p.name === link.fromPad)?.mediaTypes ?? [];
  const accepted = factsOf(link.sinkType).pads.sinks.find((p) => p.name === link.toPad)?.mediaTypes ?? [];
  return produced.filter((t) => accepted.includes(t));
}

function connection(link: Link): DocumentConnection {
  const c: DocumentConnection = { from: link.from, to: link.to };
  if (link.fromPad !== 'default') c.fromPad = link.fromPad;
  if (link.toPad !== 'default') c.toPad = link.toPad;
  return c;
}

function key(link: Link, type?: MediaType): string {
  return JSON.stringify([link.from, link.fromPad, link.to, link.toPad, type ?? '']);
}

function tag(object: MediaObject, name: string): string | undefined {
  // getTags rather than getTag: a missing tag is normal here, not worth an exception each time.
  return object.getTags().find((t) => t.key === name)?.value;
}

function readTag<T>(object: MediaObject, name: string): T | undefined {
  const value = tag(object, name);
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined; // a tag someone else overwrote: fall back to what the engine knows
  }
}
