/**
 * Runtime shapes of every method's params, checked by the dispatcher before a handler runs.
 * The table is typed against RpcMethods, so a method cannot be added without its shape.
 */
import type { ParamsOf, RpcMethodName } from './api.ts';

type Rule = 'text' | 'name' | 'sdp' | 'revision' | 'count' | 'object' | 'json' | 'candidate';
/** A rule per param; a trailing '?' makes it optional. */
type FieldRule = Rule | `${Rule}?`;
type Shape<P> = { [K in keyof Required<P>]: FieldRule };

const CHECKS: Record<Rule, (value: unknown) => string | undefined> = {
  text: (v) => (typeof v === 'string' ? undefined : 'must be a string'),
  name: (v) => (typeof v === 'string' && v.trim().length > 0 && v.length <= 200 ? undefined : 'must be a non-empty string of at most 200 characters'),
  sdp: (v) => (typeof v === 'string' && v.startsWith('v=') ? undefined : "must be an SDP offer (text starting with 'v=')"),
  revision: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? undefined : 'must be a revision number (an integer from 1)'),
  count: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? undefined : 'must be a non-negative integer'),
  object: (v) => (isRecord(v) ? undefined : 'must be an object'),
  json: (v) => (v === undefined ? 'is required' : undefined),
  candidate: (v) =>
    isRecord(v) && typeof v.candidate === 'string' && typeof v.sdpMid === 'string' && typeof v.sdpMLineIndex === 'number'
      ? undefined
      : 'must be an ICE candidate {candidate, sdpMid, sdpMLineIndex}',
};

const none = {} as const;

export const METHOD_PARAMS: { [M in RpcMethodName]: Shape<ParamsOf<M>> } = {
  'catalog.get': none,
  'graphs.list': none,
  'graphs.open': { graph: 'name', revision: 'revision?' },
  'graphs.create': { name: 'name', document: 'json', message: 'text?' },
  'graphs.save': { graph: 'name', document: 'json', message: 'text?' },
  'graphs.rename': { graph: 'name', name: 'name' },
  'graphs.duplicate': { graph: 'name', name: 'name' },
  'graphs.delete': { graph: 'name' },
  'graphs.revisions': { graph: 'name' },
  'graphs.restore': { graph: 'name', revision: 'revision' },
  'graphs.export': { graph: 'name', revision: 'revision?' },
  'templates.list': none,
  'templates.get': { name: 'name' },
  'drafts.save': { key: 'name', document: 'json' },
  'drafts.load': { key: 'name' },
  'drafts.clear': { key: 'name' },
  'documents.validate': { document: 'json' },
  'documents.import': { text: 'text' },
  'documents.export': { document: 'json' },
  'runs.start': { document: 'json', graphId: 'text?' },
  'runs.stop': { runId: 'name' },
  'runs.list': none,
  'elements.invoke': { runId: 'name', element: 'name', method: 'name', args: 'object?' },
  'elements.getProperty': { runId: 'name', element: 'name', property: 'name' },
  'elements.setProperty': { runId: 'name', element: 'name', property: 'name', value: 'json' },
  'cameras.list': none,
  'preview.offer': { runId: 'name', element: 'name', offer: 'sdp' },
  'preview.addIceCandidate': { previewId: 'name', candidate: 'candidate' },
  'preview.close': { previewId: 'name' },
  'events.recent': { limit: 'count?' },
};

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isMethodName(name: string): name is RpcMethodName {
  return Object.prototype.hasOwnProperty.call(METHOD_PARAMS, name);
}

/** Every problem with a call's params, as "'field' must be ..." lines; empty when valid. */
export function checkParams(method: RpcMethodName, params: unknown): string[] {
  const shape: Record<string, FieldRule> = METHOD_PARAMS[method];
  const given = params === undefined || params === null ? {} : params;
  if (!isRecord(given)) return ['params must be an object'];
  const problems: string[] = [];
  for (const key of Object.keys(given)) {
    if (!(key in shape)) problems.push(`unknown param '${key}' (${method} takes ${Object.keys(shape).join(', ') || 'no params'})`);
  }
  for (const [key, rule] of Object.entries(shape)) {
    const optional = rule.endsWith('?');
    const value = given[key];
    if (value === undefined) {
      if (!optional) problems.push(`'${key}' is required`);
      continue;
    }
    const problem = CHECKS[rule.replace('?', '') as Rule](value);
    if (problem) problems.push(`'${key}' ${problem}`);
  }
  return problems;
}
