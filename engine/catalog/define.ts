/** Shorthands that keep the catalog entries readable. */
import type { MediaType, MethodSpec, PadSpec, ParamSpec, PropertyAccess, PropertySpec, StringFormat, ValueType } from './types.ts';

export const t = {
  int: (min?: number, max?: number): ValueType => ({ kind: 'int', ...(min !== undefined && { min }), ...(max !== undefined && { max }) }),
  int64: (min?: number, max?: number): ValueType => ({ kind: 'int64', ...(min !== undefined && { min }), ...(max !== undefined && { max }) }),
  float: (min?: number, max?: number): ValueType => ({ kind: 'float', ...(min !== undefined && { min }), ...(max !== undefined && { max }) }),
  double: (): ValueType => ({ kind: 'double' }),
  boolean: (): ValueType => ({ kind: 'boolean' }),
  string: (format?: StringFormat, minLength?: number): ValueType => ({
    kind: 'string',
    ...(format && { format }),
    ...(minLength !== undefined && { minLength }),
  }),
  complex: (name: string): ValueType => ({ kind: 'complex', name }),
  array: (of: ValueType): ValueType => ({ kind: 'array', of }),
  map: (of: ValueType): ValueType => ({ kind: 'map', of }),
  object: (className: string): ValueType => ({ kind: 'object', className }),
};

type Extra = { default?: unknown; unit?: string; optional?: boolean };

/** A required parameter. */
export function param(name: string, type: ValueType, description: string, extra: Extra = {}): ParamSpec {
  return { name, type, description, ...extra };
}

/** An optional parameter with its default. */
export function opt(name: string, type: ValueType, defaultValue: unknown, description: string, unit?: string): ParamSpec {
  return { name, type, optional: true, description, ...(defaultValue !== undefined && { default: defaultValue }), ...(unit && { unit }) };
}

export function prop(
  name: string,
  type: ValueType,
  access: PropertyAccess,
  description: string,
  extra: { default?: unknown; unit?: string } = {},
): PropertySpec {
  return { name, type, access, description, ...extra };
}

export function method(name: string, params: ParamSpec[], description: string, extra: { returns?: ValueType; action?: boolean } = {}): MethodSpec {
  return { name, params, description, ...extra };
}

export function pad(mediaTypes: MediaType[], name = 'default', description?: string): PadSpec {
  return { name, mediaTypes, ...(description && { description }) };
}

export const AV: MediaType[] = ['AUDIO', 'VIDEO'];
export const AVD: MediaType[] = ['AUDIO', 'VIDEO', 'DATA'];
