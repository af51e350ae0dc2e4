/** Checks of everything callers pass to the store, each failing with INVALID_ARGUMENT and a message that says what and why. */
import { StoreError } from './errors.ts';
import type { TemplateSeed } from './types.ts';

export const MAX_NAME_LENGTH = 200;
export const MAX_MESSAGE_LENGTH = 2000;

function invalid(message: string): StoreError {
  return new StoreError('INVALID_ARGUMENT', message);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'an unknown class'}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

/**
 * A graph name, template name, draft key or graph id: trimmed, 1..200 characters, no control characters.
 * `what` names the argument in the message, e.g. 'graph name'.
 */
export function checkName(value: unknown, what: string): string {
  if (typeof value !== 'string') throw invalid(`${what} must be a string, got ${describe(value)}`);
  const name = value.trim();
  if (name.length === 0) throw invalid(`${what} must not be empty`);
  const length = [...name].length;
  if (length > MAX_NAME_LENGTH) {
    throw invalid(`${what} is ${length} characters long; at most ${MAX_NAME_LENGTH} are allowed`);
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const control = /[\u0000-\u001f\u007f-\u009f]/.exec(name);
  if (control) {
    const codePoint = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw invalid(`${what} ${JSON.stringify(name)} contains the control character U+${codePoint} at position ${control.index}`);
  }
  // An unpaired surrogate cannot be stored as UTF-8: SQLite would silently turn it into U+FFFD.
  const lone = /[\uD800-\uDFFF]/u.exec(name);
  if (lone) throw invalid(`${what} ${JSON.stringify(name)} contains an unpaired surrogate at position ${lone.index}`);
  return name;
}

export function checkRevision(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw invalid(`revision must be a positive integer, got ${describe(value)}`);
  }
  return value;
}

/** An optional revision message: a string of at most 2000 characters; blank means none. */
export function checkMessage(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalid(`revision message must be a string, got ${describe(value)}`);
  const message = value.trim();
  if (message.length > MAX_MESSAGE_LENGTH) {
    throw invalid(`revision message is ${message.length} characters long; at most ${MAX_MESSAGE_LENGTH} are allowed`);
  }
  return message.length === 0 ? null : message;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Walks a value and throws at the first thing JSON would drop or mangle (a Date, a Map, NaN, a function,
 * a cycle...), naming its JSON Pointer, so what is stored is exactly what the caller meant.
 * Object properties whose value is undefined are allowed: JSON leaves them out, as optional fields should be.
 */
function checkJsonValue(value: unknown, pointer: string, ancestors: Set<object>, what: string): void {
  const where = `${what} at ${pointer || '/'}`;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw invalid(`${where} is ${value}, which JSON cannot hold`);
      return;
    case 'object':
      break;
    default:
      throw invalid(`${where} is ${describe(value)}, which JSON cannot hold`);
  }
  if (value === null) return;
  if (ancestors.has(value)) throw invalid(`${where} refers back to one of its own ancestors (a cycle)`);
  ancestors.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (item === undefined) throw invalid(`${what} at ${pointer}/${index} is undefined, which JSON cannot hold`);
      checkJsonValue(item, `${pointer}/${index}`, ancestors, what);
    });
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) checkJsonValue(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, ancestors, what);
    }
  } else {
    throw invalid(`${where} is ${describe(value)}; only plain objects, arrays, strings, finite numbers, booleans and null are stored`);
  }
  ancestors.delete(value);
}

/** A document: a plain object of JSON values. Returns its JSON text, which is what gets stored. */
export function documentToJson(value: unknown, what = 'document'): string {
  if (!isPlainObject(value)) throw invalid(`${what} must be a plain object, got ${describe(value)}`);
  try {
    checkJsonValue(value, '', new Set(), what);
  } catch (error) {
    if (error instanceof RangeError) throw invalid(`${what} is nested too deeply to store`);
    throw error;
  }
  return JSON.stringify(value);
}

/** The templates option of GraphStore.open, checked in full before anything touches the disk. */
export function checkTemplateSeeds(value: unknown): { name: string; description: string; json: string }[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(`templates must be an array, got ${describe(value)}`);
  const seen = new Set<string>();
  return value.map((seed: unknown, index) => {
    if (!isPlainObject(seed)) throw invalid(`templates[${index}] must be an object, got ${describe(seed)}`);
    const { name, description, document } = seed as Partial<TemplateSeed>;
    const checkedName = checkName(name, `templates[${index}].name`);
    if (seen.has(checkedName)) throw invalid(`templates[${index}].name ${JSON.stringify(checkedName)} is used by an earlier template`);
    seen.add(checkedName);
    if (typeof description !== 'string') {
      throw invalid(`templates[${index}].description must be a string, got ${describe(description)}`);
    }
    return { name: checkedName, description, json: documentToJson(document, `templates[${index}].document`) };
  });
}
