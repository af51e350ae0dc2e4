/**
 * Checks each element's `calls`: catalog methods made once the pipeline runs, in order (e.g.
 * FaceOverlayFilter.setOverlayedImage for the hat, DispatcherOneToMany.setSource). Kurento
 * configures these elements by method, not property, so a document needs a place for them.
 */
import { allMethods, isA } from '../../engine/index.ts';
import { checkFields, escapePointer, isPlainObject, suggest } from '../../engine/catalog/values.ts';
import type { KnownElement } from './validate-elements.ts';
import { shown } from './validate-elements.ts';
import type { DocumentProblem } from './types.ts';

/** Wiring has its own section of the document; these methods are not calls. */
const NOT_CALLS = new Set(['connect', 'disconnect']);
const CALL_FIELDS = ['method', 'params'];

export function callableMethods(type: string): string[] {
  return allMethods(type)
    .filter((m) => !NOT_CALLS.has(m.name) && !m.returns)
    .map((m) => m.name);
}

export function checkCalls(elements: unknown[], byId: Map<string, KnownElement>): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  for (const known of byId.values()) {
    const calls = (elements[known.index] as Record<string, unknown>).calls;
    if (calls === undefined) continue;
    const path = `/elements/${known.index}/calls`;
    const owner = `${known.type} '${known.id}'`;
    if (!Array.isArray(calls)) {
      problems.push({ path, message: `${owner}: 'calls' must be an array of {"method", "params"}, got ${shown(calls)}` });
      continue;
    }
    calls.forEach((call, i) => checkCall(call, `${path}/${i}`, known, owner, byId, problems));
  }
  return problems;
}

function checkCall(call: unknown, path: string, element: KnownElement, owner: string, byId: Map<string, KnownElement>, problems: DocumentProblem[]): void {
  if (!isPlainObject(call)) {
    problems.push({ path, message: `${owner}: each call must be {"method": name, "params": {...}}, got ${shown(call)}` });
    return;
  }
  for (const key of Object.keys(call)) {
    if (!CALL_FIELDS.includes(key)) problems.push({ path: `${path}/${escapePointer(key)}`, message: `${owner}: a call has no field '${key}'${suggest(key, CALL_FIELDS)}` });
  }
  const callable = callableMethods(element.type);
  const method = allMethods(element.type).find((m) => m.name === call.method);
  if (typeof call.method !== 'string' || !method || !callable.includes(method.name)) {
    const listed = callable.length ? `; it has ${callable.map((m) => `'${m}'`).join(', ')}` : '; it has none';
    problems.push({
      path: `${path}/method`,
      message: `${owner} has no method ${shown(call.method)} a document can call${typeof call.method === 'string' ? suggest(call.method, callable) : ''}${listed}`,
    });
    return;
  }
  const params = call.params ?? {};
  if (!isPlainObject(params)) {
    problems.push({ path: `${path}/params`, message: `${owner}.${method.name}: 'params' must be an object of arguments, got ${shown(params)}` });
    return;
  }
  problems.push(...checkFields(method.params, params, `${path}/params`, `${owner}.${method.name}`).map((p) => ({ ...p, path: p.path === `${path}/params` && call.params === undefined ? path : p.path })));
  // Object arguments name other elements of the document by id; a hub's calls take its own ports.
  for (const spec of method.params) {
    const value = params[spec.name];
    if (spec.type.kind !== 'object' || typeof value !== 'string') continue;
    const target = byId.get(value);
    const at = `${path}/params/${escapePointer(spec.name)}`;
    if (!target) problems.push({ path: at, message: `${owner}.${method.name}: '${spec.name}' names no element of this document: '${value}'${suggest(value, [...byId.keys()])}` });
    else if (!isA(target.type, spec.type.className)) problems.push({ path: at, message: `${owner}.${method.name}: '${spec.name}' must be a ${spec.type.className}, but '${value}' is a ${target.type}` });
    else if (isA(element.type, 'Hub') && target.hub !== undefined && target.hub !== element.id) {
      problems.push({ path: at, message: `${owner}.${method.name}: '${value}' is a port of '${target.hub}', not of this hub` });
    }
  }
}
