/**
 * Checks a document's `connections` against its elements and the catalog's pads: dangling
 * ends, hubs used as ends, pads, media types, duplicates and sink pads fed twice.
 */
import { MEDIA_TYPES, type MediaType, type PadSpec } from '../../engine/index.ts';
import { escapePointer, isPlainObject, suggest } from '../../engine/catalog/values.ts';
import { factsOf } from './catalog-facts.ts';
import type { DocumentProblem } from './types.ts';
import { shown, type KnownElement } from './validate-elements.ts';

/** A connection whose ends, pads and media types all checked out. */
export interface ResolvedConnection {
  index: number;
  from: KnownElement;
  to: KnownElement;
  fromPad: string;
  toPad: string;
  /** The media types it carries: its mediaType, or every type both pads share. */
  mediaTypes: MediaType[];
}

const CONNECTION_FIELDS = ['from', 'to', 'mediaType', 'fromPad', 'toPad'];

export function checkConnections(
  connections: unknown[],
  byId: Map<string, KnownElement>,
  declared: Set<string>,
): { problems: DocumentProblem[]; resolved: ResolvedConnection[] } {
  const problems: DocumentProblem[] = [];
  const resolved: ResolvedConnection[] = [];
  const written: { index: number; key: string; mediaType?: string }[] = [];
  connections.forEach((connection, index) => {
    const path = `/connections/${index}`;
    if (!isPlainObject(connection)) {
      problems.push({ path, message: `Each connection must be an object {"from", "to"}, got ${shown(connection)}` });
      return;
    }
    for (const key of Object.keys(connection)) {
      if (!CONNECTION_FIELDS.includes(key)) problems.push({ path: `${path}/${escapePointer(key)}`, message: `A connection has no field '${key}'${suggest(key, CONNECTION_FIELDS)}` });
    }
    const before = problems.length;
    const from = end(connection, 'from', path, byId, declared, problems);
    const to = end(connection, 'to', path, byId, declared, problems);
    const mediaType = connection.mediaType;
    if (mediaType !== undefined && !(MEDIA_TYPES as readonly unknown[]).includes(mediaType)) {
      problems.push({ path: `${path}/mediaType`, message: `mediaType must be 'AUDIO', 'VIDEO' or 'DATA' (or left out for all), got ${shown(mediaType)}` });
    }
    const fromPad = padName(connection, 'fromPad', path, problems);
    const toPad = padName(connection, 'toPad', path, problems);
    if (typeof connection.from === 'string' && typeof connection.to === 'string' && fromPad !== undefined && toPad !== undefined) {
      written.push({ index, key: JSON.stringify([connection.from, fromPad, connection.to, toPad]), mediaType: mediaType as string | undefined });
    }
    if (problems.length > before || !from || !to || fromPad === undefined || toPad === undefined) return;
    const types = mediaTypesOf(from, fromPad, to, toPad, mediaType as MediaType | undefined, path, problems);
    if (types) resolved.push({ index, from, to, fromPad, toPad, mediaTypes: types });
  });
  const duplicates = checkDuplicates(written, problems);
  checkSinkPadsFedOnce(resolved.filter((c) => !duplicates.has(c.index)), problems);
  return { problems, resolved };
}

/** Resolves `from` or `to` to an element that can be that end of a connection. */
function end(
  connection: Record<string, unknown>,
  field: 'from' | 'to',
  path: string,
  byId: Map<string, KnownElement>,
  declared: Set<string>,
  problems: DocumentProblem[],
): KnownElement | undefined {
  const id = connection[field];
  const at = `${path}/${field}`;
  if (id === undefined) {
    problems.push({ path, message: `A connection needs '${field}': the id of the element media ${field === 'from' ? 'comes from' : 'goes to'}` });
    return undefined;
  }
  if (typeof id !== 'string') {
    problems.push({ path: at, message: `'${field}' must be an element id, got ${shown(id)}` });
    return undefined;
  }
  const element = byId.get(id);
  if (!element && declared.has(id)) return undefined; // that element's own problem is reported already
  if (!element) {
    problems.push({ path: at, message: `'${field}' names no element of this document: '${id}'${suggest(id, [...byId.keys()])}` });
    return undefined;
  }
  const { pads, category } = factsOf(element.type);
  if (category === 'hub') {
    problems.push({ path: at, message: `'${id}' is a ${element.type} hub: connect ${field} one of its HubPorts, never the hub itself` });
    return undefined;
  }
  if (field === 'from' && pads.sources.length === 0) {
    problems.push({ path: at, message: `'${id}' (${element.type}) only receives media: nothing can be connected from it` });
    return undefined;
  }
  if (field === 'to' && pads.sinks.length === 0) {
    problems.push({ path: at, message: `'${id}' (${element.type}) only produces media: nothing can be connected into it` });
    return undefined;
  }
  return element;
}

function padName(connection: Record<string, unknown>, field: 'fromPad' | 'toPad', path: string, problems: DocumentProblem[]): string | undefined {
  const pad = connection[field];
  if (pad === undefined) return 'default';
  if (typeof pad === 'string' && pad.length > 0) return pad;
  problems.push({ path: `${path}/${field}`, message: `'${field}' must be a pad name such as 'default', got ${shown(pad)}` });
  return undefined;
}

function mediaTypesOf(from: KnownElement, fromPad: string, to: KnownElement, toPad: string, mediaType: MediaType | undefined, path: string, problems: DocumentProblem[]): MediaType[] | undefined {
  const source = findPad(factsOf(from.type).pads.sources, fromPad, from, 'source', `${path}/fromPad`, problems);
  const sink = findPad(factsOf(to.type).pads.sinks, toPad, to, 'sink', `${path}/toPad`, problems);
  if (!source || !sink) return undefined;
  if (mediaType !== undefined) {
    const before = problems.length;
    if (!source.mediaTypes.includes(mediaType)) problems.push({ path: `${path}/mediaType`, message: `'${from.id}' (${from.type}) produces no ${mediaType} on pad '${fromPad}'; it produces ${list(source.mediaTypes)}` });
    if (!sink.mediaTypes.includes(mediaType)) problems.push({ path: `${path}/mediaType`, message: `'${to.id}' (${to.type}) accepts no ${mediaType} on pad '${toPad}'; it accepts ${list(sink.mediaTypes)}` });
    return problems.length > before ? undefined : [mediaType];
  }
  const shared = source.mediaTypes.filter((m) => sink.mediaTypes.includes(m));
  if (shared.length === 0) {
    problems.push({ path, message: `'${from.id}' produces ${list(source.mediaTypes)} but '${to.id}' accepts ${list(sink.mediaTypes)}: they share no media type` });
    return undefined;
  }
  return shared;
}

function findPad(pads: PadSpec[], name: string, element: KnownElement, kind: 'source' | 'sink', path: string, problems: DocumentProblem[]): PadSpec | undefined {
  const pad = pads.find((p) => p.name === name);
  if (!pad) {
    const names = pads.map((p) => p.name);
    problems.push({ path, message: `'${element.id}' (${element.type}) has no ${kind} pad '${name}'${suggest(name, names)}; its ${kind} pads: ${names.map((n) => `'${n}'`).join(', ')}` });
  }
  return pad;
}

/** Same ends and pads, and overlapping media types (a connection without mediaType overlaps every type). */
function checkDuplicates(declared: { index: number; key: string; mediaType?: string }[], problems: DocumentProblem[]): Set<number> {
  const duplicates = new Set<number>();
  const byKey = new Map<string, { index: number; mediaType?: string }[]>();
  for (const c of declared) {
    const earlier = byKey.get(c.key) ?? [];
    const twin = earlier.find((e) => e.mediaType === undefined || c.mediaType === undefined || e.mediaType === c.mediaType);
    if (twin) {
      duplicates.add(c.index);
      const [from, , to] = JSON.parse(c.key) as string[];
      const what = c.mediaType ?? twin.mediaType;
      problems.push({ path: `/connections/${c.index}`, message: `Duplicate connection: /connections/${twin.index} already connects '${from}' to '${to}'${what ? ` for ${what}` : ''}` });
    }
    earlier.push(c);
    byKey.set(c.key, earlier);
  }
  return duplicates;
}

/** A sink pad takes one source per media type; Kurento keeps only the last one connected. */
function checkSinkPadsFedOnce(connections: ResolvedConnection[], problems: DocumentProblem[]): void {
  const feeders = new Map<string, ResolvedConnection>();
  for (const c of connections) {
    const clashes: { type: MediaType; first: ResolvedConnection }[] = [];
    for (const type of c.mediaTypes) {
      const key = JSON.stringify([c.to.id, c.toPad, type]);
      const first = feeders.get(key);
      if (first) clashes.push({ type, first });
      else feeders.set(key, c);
    }
    if (clashes.length === 0) continue;
    const first = clashes[0]!.first;
    problems.push({
      path: `/connections/${c.index}`,
      message:
        `'${c.to.id}' already receives ${list(clashes.map((x) => x.type))} on pad '${c.toPad}' from '${first.from.id}' (/connections/${first.index}); ` +
        'a sink pad takes one source per media type, so one of the two would be dropped',
    });
  }
}

function list(types: readonly string[]): string {
  return types.length === 0 ? 'nothing' : types.join(', ');
}
