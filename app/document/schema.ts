/**
 * The pipeline document's JSON Schema (draft 2020-12), generated from the catalog: per creatable
 * element type, its constructor params and writable properties with types, enums, ranges,
 * defaults and descriptions. Editors use it for completion; `validate.ts` remains the authority
 * for what a schema cannot say (connections naming elements, pads, loops, hub membership).
 */
import { allMethods, allProperties, creatableTypes, findComplexType, MEDIA_TYPES, userParams, type ParamSpec, type PropertySpec, type ValueType } from '../../engine/index.ts';
import { formatPattern } from '../../engine/catalog/string-formats.ts';
import { structFields } from '../../engine/catalog/values.ts';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION } from './types.ts';
import { callableMethods } from './validate-calls.ts';

export const SCHEMA_ID = 'urn:fluo:schema:fluo.pipeline.v1';
export const SCHEMA_FILE = 'schema/fluo.pipeline.v1.schema.json';

type Schema = Record<string, unknown>;

const INT32 = { minimum: -2147483648, maximum: 2147483647 };
const ID_PATTERN = '^[A-Za-z0-9_-]{1,100}$';

export function pipelineSchema(): Schema {
  const defs: Record<string, Schema> = {};
  const types = creatableTypes().map((spec) => spec.name).sort();
  for (const type of types) defs[`element.${type}`] = elementTypeSchema(type, defs);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'Fluo pipeline document',
    description:
      'A media pipeline: elements (endpoints, filters, hubs and hub ports) and the connections between them. ' +
      'Generated from the Fluo element catalog; `fluo validate` also checks what a schema cannot: connection ends, pads, media types, loops and hub membership.',
    type: 'object',
    required: ['format', 'version', 'metadata', 'elements', 'connections'],
    additionalProperties: false,
    properties: {
      format: { const: DOCUMENT_FORMAT, description: 'Marks the file as a Fluo pipeline document.' },
      version: { const: DOCUMENT_VERSION, description: 'Version of the document format.' },
      metadata: { $ref: '#/$defs/metadata' },
      elements: { type: 'array', items: { $ref: '#/$defs/element' }, description: 'The elements of the pipeline.' },
      connections: { type: 'array', items: { $ref: '#/$defs/connection' }, description: 'Media connections, from a source element to a sink element.' },
    },
    $defs: {
      metadata: {
        type: 'object',
        description: 'Free-form description of the pipeline; other keys are kept as they are.',
        required: ['name'],
        properties: {
          name: { type: 'string', minLength: 1, pattern: '\\S', description: 'Name of the pipeline.' },
          description: { type: 'string', description: 'What the pipeline does.' },
          createdAt: { type: 'string', description: 'When the pipeline was created (ISO 8601).' },
          updatedAt: { type: 'string', description: 'When the pipeline was last changed (ISO 8601).' },
        },
      },
      position: {
        type: 'object',
        description: 'Where the editor draws the node.',
        required: ['x', 'y'],
        additionalProperties: false,
        properties: { x: { type: 'number' }, y: { type: 'number' } },
      },
      element: {
        type: 'object',
        required: ['id', 'type'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: ID_PATTERN, description: 'Unique within the document; connections refer to it.' },
          type: { enum: types, description: 'The element type.' },
          label: { type: 'string', description: 'Text shown on the node; defaults to the id.' },
          params: { type: 'object', description: 'Constructor params.' },
          properties: { type: 'object', description: 'Writable properties set after creation.' },
          position: { $ref: '#/$defs/position' },
          calls: { type: 'array', description: 'Methods called in order once the pipeline runs; object arguments name element ids.' },
        },
        allOf: types.map((type) => ({
          if: { type: 'object', properties: { type: { const: type } }, required: ['type'] },
          then: { $ref: `#/$defs/element.${type}` },
        })),
      },
      connection: {
        type: 'object',
        required: ['from', 'to'],
        additionalProperties: false,
        properties: {
          from: { type: 'string', pattern: ID_PATTERN, description: 'Id of the element media comes from.' },
          to: { type: 'string', pattern: ID_PATTERN, description: 'Id of the element media goes to.' },
          mediaType: { enum: [...MEDIA_TYPES], description: 'The one media type to connect; left out, every type both pads carry.' },
          fromPad: { type: 'string', minLength: 1, default: 'default', description: 'Source pad (media description).' },
          toPad: { type: 'string', minLength: 1, default: 'default', description: 'Sink pad (media description).' },
        },
      },
      // Generated definitions in code-point order: shared enums and structs, then element.<Type>.
      ...Object.fromEntries(Object.entries(defs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    },
  };
}

/** The params and properties one element type takes. */
function elementTypeSchema(type: string, defs: Record<string, Schema>): Schema {
  const params = userParams(type);
  const paramSchemas: Record<string, Schema> = Object.fromEntries(params.map((p) => [p.name, memberSchema(p, defs)]));
  const required = params.filter((p) => !p.optional).map((p) => p.name);
  if (type === 'HubPort') {
    paramSchemas.hub = { type: 'string', pattern: ID_PATTERN, description: 'Id of the hub element (Composite, Dispatcher, ...) this port belongs to.' };
    required.unshift('hub');
  }
  const writable = allProperties(type).filter((p) => p.access === 'rw' && p.name !== 'name');
  const paramsSchema: Schema = { type: 'object', additionalProperties: false, properties: paramSchemas };
  if (required.length > 0) paramsSchema.required = required;
  const schema: Schema = {
    type: 'object',
    description: creatableTypes().find((spec) => spec.name === type)?.description,
    properties: {
      params: paramsSchema,
      properties: { type: 'object', additionalProperties: false, properties: Object.fromEntries(writable.map((p) => [p.name, memberSchema(p, defs)])) },
      calls: callsSchema(type, defs),
    },
  };
  if (required.length > 0) schema.required = ['params'];
  return schema;
}

/** One alternative per method a document may call on this type, keyed by `method`. */
function callsSchema(type: string, defs: Record<string, Schema>): Schema {
  const callable = new Set(callableMethods(type));
  const methods = allMethods(type).filter((m) => callable.has(m.name));
  if (methods.length === 0) return { type: 'array', maxItems: 0 };
  return {
    type: 'array',
    items: {
      oneOf: methods.map((m) => {
        const params: Schema = { type: 'object', additionalProperties: false, properties: Object.fromEntries(m.params.map((p) => [p.name, memberSchema(p, defs)])) };
        const required = m.params.filter((p) => !p.optional).map((p) => p.name);
        if (required.length > 0) params.required = required;
        const call: Schema = { type: 'object', description: m.description, additionalProperties: false, required: required.length > 0 ? ['method', 'params'] : ['method'], properties: { method: { const: m.name }, params } };
        return call;
      }),
    },
  };
}

function memberSchema(member: ParamSpec | PropertySpec, defs: Record<string, Schema>): Schema {
  const schema: Schema = { ...valueSchema(member.type, defs) };
  schema.description = member.unit ? `${member.description} Unit: ${member.unit}.` : member.description;
  if (member.default !== undefined) schema.default = member.default;
  return schema;
}

function valueSchema(type: ValueType, defs: Record<string, Schema>): Schema {
  switch (type.kind) {
    case 'int':
      return { type: 'integer', minimum: type.min ?? INT32.minimum, maximum: type.max ?? INT32.maximum };
    case 'int64':
    case 'float':
    case 'double': {
      const schema: Schema = { type: type.kind === 'int64' ? 'integer' : 'number' };
      if (type.min !== undefined) schema.minimum = type.min;
      if (type.max !== undefined) schema.maximum = type.max;
      return schema;
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'string': {
      const schema: Schema = { type: 'string' };
      if (type.minLength !== undefined) schema.minLength = type.minLength;
      const pattern = formatPattern(type.format);
      if (pattern) schema.pattern = pattern;
      return schema;
    }
    case 'object':
      return { type: 'string', minLength: 1, description: `Id of a ${type.className}.` };
    case 'array':
      return { type: 'array', items: valueSchema(type.of, defs) };
    case 'map':
      return { type: 'object', additionalProperties: valueSchema(type.of, defs) };
    case 'complex':
      return complexSchema(type.name, defs);
  }
}

/** Enums and structs become shared definitions, referenced wherever they are used. */
function complexSchema(name: string, defs: Record<string, Schema>): Schema {
  const ref = { $ref: `#/$defs/${name}` };
  if (defs[name]) return ref;
  const spec = findComplexType(name);
  if (!spec) throw new Error(`Catalog refers to unknown complex type '${name}'`);
  if (spec.kind === 'enum') {
    defs[name] = { enum: spec.values, description: spec.description };
    return ref;
  }
  const fields = structFields(name);
  const schema: Schema = { type: 'object', description: spec.description, additionalProperties: false, properties: {} };
  defs[name] = schema; // before the fields, so a struct that refers to itself terminates
  schema.properties = Object.fromEntries(fields.map((f) => [f.name, memberSchema(f, defs)]));
  const required = fields.filter((f) => !f.optional).map((f) => f.name);
  if (required.length > 0) schema.required = required;
  return ref;
}
