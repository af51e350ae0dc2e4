/** Checks a JSON value against a catalog type; the one checker behind documents, the engine and the protocol. */
import { findComplexType } from './catalog.ts';
import { formatProblem } from './string-formats.ts';
import type { ParamSpec, ValueType } from './types.ts';

export interface ValueProblem {
  /** JSON path relative to the checked value ('' = the value itself), e.g. `/fields/0`. */
  path: string;
  message: string;
}

const INT32 = { min: -2147483648, max: 2147483647 };

export function describeType(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'an integer';
    case 'int64':
      return 'a 64-bit integer';
    case 'float':
    case 'double':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'a string';
    case 'complex': {
      const spec = findComplexType(type.name);
      return spec?.kind === 'enum' ? `one of ${quoteList(spec.values)}` : `${article(type.name)} ${type.name} object`;
    }
    case 'array':
      return `an array of ${describePlural(type.of)}`;
    case 'map':
      return 'an object';
    case 'object':
      return `the id of ${article(type.className)} ${type.className}`;
  }
}

/** The same wording for several values, as in "an array of <plural>". */
function describePlural(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'integers';
    case 'int64':
      return '64-bit integers';
    case 'float':
    case 'double':
      return 'numbers';
    case 'boolean':
      return 'booleans';
    case 'string':
      return 'strings';
    case 'complex': {
      const spec = findComplexType(type.name);
      return spec?.kind === 'enum' ? `values each one of ${quoteList(spec.values)}` : `${type.name} objects`;
    }
    case 'array':
      return 'arrays';
    case 'map':
      return 'objects';
    case 'object':
      return `ids of ${type.className} objects`;
  }
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function quoteList(values: string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}

function rangeProblem(value: number, type: { min?: number; max?: number }): string | undefined {
  if (type.min !== undefined && value < type.min) return `must be at least ${type.min}, got ${value}`;
  if (type.max !== undefined && value > type.max) return `must be at most ${type.max}, got ${value}`;
  return undefined;
}

function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Every problem with `value` as a `type`; an empty list means it is valid. */
export function checkValue(type: ValueType, value: unknown, path = ''): ValueProblem[] {
  const wrong = (): ValueProblem[] => [{ path, message: `must be ${describeType(type)}, got ${show(value)}` }];
  switch (type.kind) {
    case 'int':
    case 'int64': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrong();
      const bounds = type.kind === 'int' ? { min: type.min ?? INT32.min, max: type.max ?? INT32.max } : type;
      const problem = rangeProblem(value, bounds);
      return problem ? [{ path, message: problem }] : [];
    }
    case 'float':
    case 'double': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrong();
      const problem = rangeProblem(value, type);
      return problem ? [{ path, message: problem }] : [];
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : wrong();
    case 'string': {
      if (typeof value !== 'string') return wrong();
      if (type.minLength !== undefined && value.length < type.minLength) return [{ path, message: 'must not be empty' }];
      const problem = formatProblem(type.format, value);
      return problem ? [{ path, message: problem }] : [];
    }
    case 'object':
      return typeof value === 'string' && value.length > 0 ? [] : wrong();
    case 'array':
      if (!Array.isArray(value)) return wrong();
      return value.flatMap((item, i) => checkValue(type.of, item, `${path}/${i}`));
    case 'map':
      if (!isPlainObject(value)) return wrong();
      return Object.entries(value).flatMap(([key, item]) => checkValue(type.of, item, `${path}/${escapePointer(key)}`));
    case 'complex':
      return checkComplex(type.name, value, path);
  }
}

function checkComplex(name: string, value: unknown, path: string): ValueProblem[] {
  const spec = findComplexType(name);
  if (!spec) return [{ path, message: `has unknown type ${name}` }];
  if (spec.kind === 'enum') {
    if (typeof value === 'string' && spec.values.includes(value)) return [];
    const hint = typeof value === 'string' ? suggest(value, spec.values) : '';
    return [{ path, message: `must be one of ${quoteList(spec.values)}, got ${show(value)}${hint}` }];
  }
  if (!isPlainObject(value)) return [{ path, message: `must be ${article(name)} ${name} object, got ${show(value)}` }];
  return checkFields(structFields(name), value, path, name);
}

/** A struct's fields including those of the structs it extends. */
export function structFields(name: string): ParamSpec[] {
  const fields: ParamSpec[] = [];
  for (let spec = findComplexType(name); spec && spec.kind === 'struct'; spec = spec.extends ? findComplexType(spec.extends) : undefined) {
    fields.unshift(...spec.fields);
  }
  return fields;
}

/** Checks an object of named values (params, struct fields) against their specs. */
export function checkFields(specs: ParamSpec[], values: Record<string, unknown>, path: string, owner: string): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const known = new Map(specs.map((s) => [s.name, s]));
  for (const [key, value] of Object.entries(values)) {
    const spec = known.get(key);
    if (!spec) {
      problems.push({ path: `${path}/${escapePointer(key)}`, message: `${owner} has no '${key}'${suggest(key, [...known.keys()])}` });
      continue;
    }
    problems.push(...checkValue(spec.type, value, `${path}/${escapePointer(key)}`).map((p) => ({ ...p, message: `'${key}' ${p.message}` })));
  }
  for (const spec of specs) {
    if (!spec.optional && !(spec.name in values)) problems.push({ path, message: `${owner} needs '${spec.name}' (${describeType(spec.type)})` });
  }
  return problems;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 6901 escaping of one JSON Pointer segment. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** " (did you mean 'x'?)" when a close name exists, else ''. */
export function suggest(name: string, candidates: string[]): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean '${best}'?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
