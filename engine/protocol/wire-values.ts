/**
 * Values on the wire (PROTOCOL.md §5.10): structs travel with `__module__`/`__type__`,
 * remote objects as their ids, timestamps as strings. Conversion is driven by the catalog
 * type, so every return value, property and event field is shaped the same way.
 */
import { findComplexType, type ModuleName, type ValueType } from '../index.ts';
import { isPlainObject, structFields } from '../catalog/values.ts';

/** The module prefix Kurento uses in qualified names: its three modules are all `kurento`. */
export function moduleQualifier(module: ModuleName): string {
  return module === 'fluo' ? 'fluo' : 'kurento';
}

/** Engine value → JSON for the wire. */
export function toWire(type: ValueType | undefined, value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (!type) return plain(value);
  switch (type.kind) {
    case 'object':
      return referenceId(value);
    case 'array':
      return Array.isArray(value) ? value.map((item) => toWire(type.of, item)) : plain(value);
    case 'map':
      return isPlainObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(type.of, v)])) : plain(value);
    case 'complex':
      return structToWire(type.name, value);
    default:
      return plain(value);
  }
}

function structToWire(name: string, value: unknown): unknown {
  if (!isPlainObject(value)) return plain(value);
  // A polymorphic struct (Stats and its subtypes) may say which subtype it is.
  const actual = typeof value.__type__ === 'string' && findComplexType(value.__type__) ? value.__type__ : name;
  const spec = findComplexType(actual);
  if (!spec || spec.kind !== 'struct') return plain(value);
  const fields = new Map(structFields(actual).map((f) => [f.name, f.type]));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === '__module__' || key === '__type__' || field === undefined) continue;
    out[key] = toWire(fields.get(key), field);
  }
  out.__module__ = moduleQualifier(spec.module);
  out.__type__ = actual;
  return out;
}

function referenceId(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string') return value.id;
  return plain(value);
}

/** Anything without a catalog type: objects with ids become ids, the rest passes as JSON. */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  if (typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string') return value.id;
  return value;
}

/** Wire JSON → engine value: drops the `__module__`/`__type__` markers structs carry. */
export function fromWire(type: ValueType | undefined, value: unknown): unknown {
  if (!type) return value;
  switch (type.kind) {
    case 'array':
      return Array.isArray(value) ? value.map((item) => fromWire(type.of, item)) : value;
    case 'map':
      return isPlainObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(type.of, v)])) : value;
    case 'complex': {
      if (!isPlainObject(value)) return value;
      const fields = new Map(structFields(type.name).map((f) => [f.name, f.type]));
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(value)) {
        if (key === '__module__' || key === '__type__') continue;
        out[key] = fromWire(fields.get(key), field);
      }
      return out;
    }
    default:
      return value;
  }
}
