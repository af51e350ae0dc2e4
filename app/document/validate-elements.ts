/** Checks a document's `elements`: ids, types, constructor params, properties, positions, hub membership. */
import { creatableTypes, findClass } from '../../engine/index.ts';
import { checkFields, checkValue, escapePointer, isPlainObject, suggest } from '../../engine/catalog/values.ts';
import { factsOf } from './catalog-facts.ts';
import type { DocumentProblem } from './types.ts';

/** An element whose id and type checked out: what connection checks build on. */
export interface KnownElement {
  index: number;
  id: string;
  type: string;
  /** For a HubPort: the id of its hub, when that names a hub of the document. */
  hub?: string;
}

export const ELEMENT_ID = /^[A-Za-z0-9_-]{1,100}$/;
const ELEMENT_FIELDS = ['id', 'type', 'label', 'params', 'properties', 'position', 'calls'];

/** The one rw property a document cannot set: an element's name is its document id. */
const NAME_PROPERTY = 'name';

let creatableNames: Set<string> | undefined;
export function creatableTypeNames(): Set<string> {
  creatableNames ??= new Set(creatableTypes().map((spec) => spec.name));
  return creatableNames;
}

/**
 * `byId` holds the elements whose id and type checked out; `declared` every id written, so a
 * connection to an element that has its own problem is not reported a second time as dangling.
 */
export function checkElements(elements: unknown[]): { problems: DocumentProblem[]; byId: Map<string, KnownElement>; declared: Set<string> } {
  const problems: DocumentProblem[] = [];
  const byId = new Map<string, KnownElement>();
  const idsSeen = new Map<string, number>();
  const hubPorts: { element: KnownElement; params: Record<string, unknown> | undefined }[] = [];

  elements.forEach((element, index) => {
    const path = `/elements/${index}`;
    if (!isPlainObject(element)) {
      problems.push({ path, message: `Each element must be an object with an 'id' and a 'type', got ${shown(element)}` });
      return;
    }
    const id = checkId(element, path, idsSeen, index, problems);
    const type = checkType(element, path, problems);
    const owner = `${type ?? 'Element'}${id ? ` '${id}'` : ''}`;
    for (const key of Object.keys(element)) {
      if (!ELEMENT_FIELDS.includes(key)) problems.push({ path: `${path}/${escapePointer(key)}`, message: `${owner} has no field '${key}'${suggest(key, ELEMENT_FIELDS)}` });
    }
    if ('label' in element && typeof element.label !== 'string') problems.push({ path: `${path}/label`, message: `${owner}: 'label' must be a string` });
    checkPosition(element.position, `${path}/position`, owner, problems);
    const params = checkParams(element.params, type, `${path}/params`, owner, problems);
    checkProperties(element.properties, type, `${path}/properties`, owner, problems);
    if (id && type && !byId.has(id)) {
      const known: KnownElement = { index, id, type };
      byId.set(id, known);
      if (type === 'HubPort') hubPorts.push({ element: known, params });
    }
  });
  const declared = new Set(elements.flatMap((e) => (isPlainObject(e) && typeof e.id === 'string' ? [e.id] : [])));
  const hubs = [...byId.values()].filter((e) => factsOf(e.type).category === 'hub').map((e) => e.id);
  for (const { element, params } of hubPorts) checkHubMembership(element, params, byId, hubs, declared, problems);
  return { problems, byId, declared };
}

function checkId(element: Record<string, unknown>, path: string, seen: Map<string, number>, index: number, problems: DocumentProblem[]): string | undefined {
  const id = element.id;
  if (id === undefined) {
    problems.push({ path, message: "Element needs an 'id' (letters, digits, '-' or '_') that connections can refer to" });
    return undefined;
  }
  if (typeof id !== 'string' || !ELEMENT_ID.test(id)) {
    problems.push({ path: `${path}/id`, message: `Element id must be 1 to 100 letters, digits, '-' or '_', got ${shown(id)}` });
    return undefined;
  }
  const first = seen.get(id);
  if (first !== undefined) {
    problems.push({ path: `${path}/id`, message: `Element id '${id}' is already used by /elements/${first}; ids must be unique` });
    return undefined;
  }
  seen.set(id, index);
  return id;
}

function checkType(element: Record<string, unknown>, path: string, problems: DocumentProblem[]): string | undefined {
  const type = element.type;
  if (type === undefined) {
    problems.push({ path, message: "Element needs a 'type', e.g. 'WebRtcEndpoint'" });
    return undefined;
  }
  if (typeof type !== 'string') {
    problems.push({ path: `${path}/type`, message: `Element type must be a string such as 'WebRtcEndpoint', got ${shown(type)}` });
    return undefined;
  }
  if (creatableTypeNames().has(type)) return type;
  const spec = findClass(type);
  const reason = !spec
    ? `Unknown element type '${type}'${suggest(type, [...creatableTypeNames()])}`
    : type === 'MediaPipeline'
      ? "'MediaPipeline' cannot be an element: the document itself is the pipeline"
      : spec.abstract
        ? `'${type}' is an abstract base type and cannot be created; pick one of its concrete kinds`
        : `'${type}' cannot be created in a Fluo pipeline`;
  problems.push({ path: `${path}/type`, message: reason });
  return undefined;
}

function checkPosition(position: unknown, path: string, owner: string, problems: DocumentProblem[]): void {
  if (position === undefined) return;
  const ok =
    isPlainObject(position) &&
    Object.keys(position).every((k) => k === 'x' || k === 'y') &&
    Number.isFinite(position.x) &&
    Number.isFinite(position.y);
  if (!ok) problems.push({ path, message: `${owner}: 'position' must be {"x": number, "y": number}, got ${shown(position)}` });
}

/** Returns the params object when it is one (the hub check reads it). */
function checkParams(params: unknown, type: string | undefined, path: string, owner: string, problems: DocumentProblem[]): Record<string, unknown> | undefined {
  if (params !== undefined && !isPlainObject(params)) {
    problems.push({ path, message: `${owner}: 'params' must be an object of constructor params, got ${shown(params)}` });
    return undefined;
  }
  if (!type) return params;
  const { hub: _hub, ...own } = params ?? {};
  const values = type === 'HubPort' ? own : (params ?? {});
  // Missing required params are reported on the params object, or on the element when there is none.
  const where = params === undefined ? path.slice(0, -'/params'.length) : path;
  for (const p of checkFields(factsOf(type).params, values, path, owner)) problems.push({ ...p, path: p.path === path ? where : p.path });
  return params;
}

function checkProperties(properties: unknown, type: string | undefined, path: string, owner: string, problems: DocumentProblem[]): void {
  if (properties === undefined) return;
  if (!isPlainObject(properties)) {
    problems.push({ path, message: `${owner}: 'properties' must be an object of property values, got ${shown(properties)}` });
    return;
  }
  if (!type) return;
  for (const [key, value] of Object.entries(properties)) {
    const at = `${path}/${escapePointer(key)}`;
    const spec = factsOf(type).properties.get(key);
    if (!spec) {
      const writable = [...factsOf(type).properties.values()].filter((p) => p.access === 'rw' && p.name !== NAME_PROPERTY).map((p) => p.name);
      problems.push({ path: at, message: `${owner} has no property '${key}'${suggest(key, writable)}` });
    } else if (key === NAME_PROPERTY) {
      problems.push({ path: at, message: `${owner}: property 'name' comes from the element's 'id'; change the id, or set 'label' for the text shown` });
    } else if (spec.access !== 'rw') {
      problems.push({ path: at, message: `${owner}: property '${key}' is read-only; a document can set only writable properties` });
    } else {
      for (const p of checkValue(spec.type, value, at)) problems.push({ path: p.path, message: `${owner}: property '${key}' ${p.message}` });
    }
  }
}

function checkHubMembership(
  port: KnownElement,
  params: Record<string, unknown> | undefined,
  byId: Map<string, KnownElement>,
  hubs: string[],
  declared: Set<string>,
  problems: DocumentProblem[],
): void {
  const owner = `HubPort '${port.id}'`;
  const path = `/elements/${port.index}/params`;
  const hub = params?.hub;
  if (hub === undefined) {
    problems.push({ path: params ? path : `/elements/${port.index}`, message: `${owner} needs params.hub: the id of the hub element it belongs to${hubs.length ? ` (${hubs.map((h) => `'${h}'`).join(', ')})` : ''}` });
    return;
  }
  const target = typeof hub === 'string' ? byId.get(hub) : undefined;
  if (typeof hub !== 'string') problems.push({ path: `${path}/hub`, message: `${owner}: 'hub' must be the id of a hub element, got ${shown(hub)}` });
  else if (!target && declared.has(hub)) return; // the hub element's own problem is reported already
  else if (!target) problems.push({ path: `${path}/hub`, message: `${owner}: 'hub' names no element of this document: '${hub}'${suggest(hub, hubs)}` });
  else if (factsOf(target.type).category !== 'hub') problems.push({ path: `${path}/hub`, message: `${owner}: 'hub' must name a hub (Composite, Dispatcher, ...), but '${hub}' is a ${target.type}` });
  else port.hub = hub;
}

export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  return String(value);
}
