import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { allProperties, creatableTypes, findComplexType, userParams, type ValueType } from '../../engine/index.ts';
import { structFields } from '../../engine/catalog/values.ts';
import { builtinTemplates } from '../templates/index.ts';
import { exportPipeline, instantiateDocument } from './instantiate.ts';
import { pipelineSchema } from './schema.ts';
import type { DocumentElement, PipelineDocument } from './types.ts';
import { validateDocument } from './validate.ts';
import { schemaPath, schemaText } from './write-schema.ts';

// Strict mode: the schema must use no keyword Ajv does not know and no type-less keyword.
const ajv = new Ajv2020({ strict: true, allErrors: true });
const schemaValidates = ajv.compile(pipelineSchema());

/** Writable properties an implementation refuses before the element runs (seeking needs playback). */
const RUNTIME_ONLY = new Set(['PlayerEndpoint.position']);

/** Valid strings of the formats that are checked (or that an element parses when it runs). */
const SAMPLE_BY_FORMAT: Record<string, string> = {
  color: '#123456',
  uri: 'file:///tmp/sample.webm',
  'file-uri': 'file:///tmp/sample.webm',
  'ffmpeg-filter': 'hflip',
  'ip-address': '192.0.2.1',
  'turn-url': 'user:pass@192.0.2.1:3478',
};

/** A valid value of a catalog type, away from its default where the type allows. */
function sample(type: ValueType): unknown {
  switch (type.kind) {
    case 'int':
    case 'int64':
      return type.min !== undefined && type.max !== undefined ? Math.round((type.min + type.max) / 3) : (type.min ?? 0) + 7;
    case 'float':
    case 'double':
      return type.min !== undefined && type.max !== undefined ? (type.min + type.max) / 4 : 1.5;
    case 'boolean':
      return true;
    case 'string':
      return SAMPLE_BY_FORMAT[type.format ?? ''] ?? 'sample';
    case 'array':
      return [sample(type.of)];
    case 'map':
      return { key: sample(type.of) };
    case 'object':
      return 'some-object-id';
    case 'complex': {
      const spec = findComplexType(type.name)!;
      if (spec.kind === 'enum') return spec.values[spec.values.length - 1];
      return Object.fromEntries(structFields(type.name).map((f) => [f.name, sample(f.type)]));
    }
  }
}


/**
 * One element of `type` with every param and every writable property set (plus its hub for a
 * HubPort). Params take their default where they have one: implementations refuse some
 * combinations the catalog cannot express (a WebRtcEndpoint both sendonly and recvonly).
 */
function documentWith(type: string): PipelineDocument {
  const element: DocumentElement = {
    id: 'subject',
    type,
    label: `A ${type}`,
    params: Object.fromEntries(userParams(type).map((p) => [p.name, p.default ?? sample(p.type)])),
    properties: Object.fromEntries(allProperties(type).filter((p) => p.access === 'rw' && p.name !== 'name' && !RUNTIME_ONLY.has(`${type}.${p.name}`)).map((p) => [p.name, sample(p.type)])),
    position: { x: 10, y: -20.5 },
  };
  const elements: DocumentElement[] = type === 'HubPort' ? [{ id: 'hub', type: 'Composite' }, { ...element, params: { ...element.params, hub: 'hub' } }] : [element];
  return { format: 'fluo.pipeline', version: 1, metadata: { name: `One ${type}`, description: 'schema round trip' }, elements, connections: [] };
}

describe('the pipeline JSON Schema', () => {
  it('is committed as generated (run `npm run schema` after changing the catalog)', () => {
    expect(readFileSync(schemaPath, 'utf8')).toBe(schemaText());
  });

  it('is a valid draft 2020-12 schema', () => {
    expect(ajv.validateSchema(pipelineSchema())).toBe(true);
  });

  it('accepts every template', () => {
    for (const template of builtinTemplates()) expect([template.name, schemaValidates(template.document), schemaValidates.errors]).toEqual([template.name, true, null]);
  });

  const types = creatableTypes().map((spec) => spec.name);
  it('covers every creatable catalog type', () => {
    expect(types.length).toBeGreaterThan(15);
    expect(Object.keys(pipelineSchema().$defs as object)).toEqual(expect.arrayContaining(types.map((t) => `element.${t}`)));
  });

  it.each(types)('round-trips a %s: validator, schema, instantiate → export', (type) => {
    const document = documentWith(type);
    expect(validateDocument(document)).toEqual([]);
    expect(schemaValidates(document), JSON.stringify(schemaValidates.errors)).toBe(true);
    const pipeline = instantiateDocument(document);
    try {
      expect(exportPipeline(pipeline)).toEqual(document);
    } finally {
      pipeline.release();
    }
  });

  it('rejects what the validator rejects for types, params and properties', () => {
    const bad = (mutate: (element: DocumentElement) => void): PipelineDocument => {
      const document = documentWith('PlayerEndpoint');
      mutate(document.elements[0]!);
      expect(validateDocument(document)).not.toEqual([]);
      return document;
    };
    expect(schemaValidates(bad((e) => (e.type = 'PlayerEndpont')))).toBe(false);
    expect(schemaValidates(bad((e) => delete e.params!.uri))).toBe(false);
    expect(schemaValidates(bad((e) => (e.params!.networkCache = 'lots')))).toBe(false);
    expect(schemaValidates(bad((e) => (e.params!.networkCach = 1)))).toBe(false);
    expect(schemaValidates(bad((e) => (e.properties!.creationTime = 1)))).toBe(false);
    expect(schemaValidates(bad((e) => (e.properties!.name = 'x')))).toBe(false);
    expect(schemaValidates(bad((e) => (e.id = 'no spaces')))).toBe(false);
    const webrtc = (properties: Record<string, string>): PipelineDocument => ({ ...documentWith('WebRtcEndpoint'), elements: [{ id: 'w', type: 'WebRtcEndpoint', properties }] });
    const refused: Record<string, string>[] = [{ stunServerAddress: 'stun.example.org' }, { stunServerAddress: '10.0.0.256' }, { turnUrl: 'alice@127.0.0.1' }, { turnUrl: 'turn:u:p@127.0.0.1' }, { turnUrl: 'u:p@127.0.0.1?transport=quic' }];
    for (const properties of refused) {
      expect([properties, validateDocument(webrtc(properties)).length > 0, schemaValidates(webrtc(properties))]).toEqual([properties, true, false]);
    }
    const accepted: Record<string, string>[] = [{ stunServerAddress: '' }, { stunServerAddress: 'fe80::1%eth0' }, { turnUrl: '' }, { turnUrl: 'u:p@ss:w@rd@[2001:db8::1]:5349?transport=TLS' }, { turnUrl: ' u:p@turn.example.org ' }];
    for (const properties of accepted) {
      expect([properties, validateDocument(webrtc(properties)), schemaValidates(webrtc(properties))]).toEqual([properties, [], true]);
    }
    const port = documentWith('HubPort');
    delete port.elements[1]!.params!.hub;
    expect(schemaValidates(port)).toBe(false);
  });
});
