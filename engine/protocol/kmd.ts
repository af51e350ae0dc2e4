/**
 * The catalog seen as Kurento module descriptors (kmd): what `ServerManager.getKmd` answers,
 * what `getInfo` lists, and what `describe` reports. Generated, never hand-written, so the
 * protocol cannot drift from the catalog.
 */
import { allClasses, allComplexTypes, allEventSpecs, getClass, type ModuleName, type ParamSpec, type ValueType } from '../index.ts';
import { moduleQualifier } from './wire-values.ts';

/** Version of the Kurento module descriptors the catalog transcribes. */
export const KURENTO_API_VERSION = '7.3.0';
export const FLUO_VERSION = '0.1.0';
export const MODULES: ModuleName[] = ['core', 'elements', 'filters', 'fluo'];

/** Classes that exist on the wire but are not created with `create`. */
const NOT_FACTORIES = new Set(['ServerManager', 'GStreamerFilter']);

export function kmdType(type: ValueType): string {
  switch (type.kind) {
    case 'int':
    case 'int64':
    case 'float':
    case 'double':
    case 'boolean':
      return type.kind;
    case 'string':
      return 'String';
    case 'complex':
      return type.name;
    case 'object':
      return type.className;
    case 'array':
      return `${kmdType(type.of)}[]`;
    case 'map':
      return `${kmdType(type.of)}<>`;
  }
}

export function qualifiedName(className: string): string {
  return `${moduleQualifier(getClass(className).module)}.${className}`;
}

/** `describe`'s answer: the class and its ancestors, nearest first, qualified. */
export function describeClass(className: string, hierarchy: string[]): { type: string; qualifiedType: string; hierarchy: string[] } {
  return { type: className, qualifiedType: qualifiedName(className), hierarchy: hierarchy.map(qualifiedName) };
}

export interface KmdParam {
  name: string;
  type: string;
  optional?: boolean;
  defaultValue?: unknown;
}

function kmdParam(p: ParamSpec): KmdParam {
  const out: KmdParam = { name: p.name, type: kmdType(p.type) };
  if (p.optional) out.optional = true;
  if (p.optional && p.default !== undefined) out.defaultValue = p.default;
  return out;
}

/** Classes a module's factory creates (ModuleInfo.factories). */
export function factoriesOf(module: ModuleName): string[] {
  return allClasses()
    .filter((c) => c.module === module && !c.abstract && c.constructorParams && !NOT_FACTORIES.has(c.name))
    .map((c) => c.name);
}

/** A kmd.json document for one module, built from the catalog. */
export function moduleDescriptor(module: ModuleName): Record<string, unknown> {
  const version = module === 'fluo' ? FLUO_VERSION : KURENTO_API_VERSION;
  const remoteClasses = allClasses()
    .filter((c) => c.module === module)
    .map((c) => ({
      name: c.name,
      doc: c.description,
      ...(c.abstract && { abstract: true }),
      ...(c.extends && { extends: c.extends }),
      ...(c.constructorParams && { constructor: { params: c.constructorParams.map(kmdParam) } }),
      ...(c.properties && {
        properties: c.properties.map((p) => ({
          name: p.name,
          type: kmdType(p.type),
          ...(p.access === 'ro' && { readOnly: true }),
          ...(p.access === 'final' && { final: true }),
        })),
      }),
      ...(c.methods && {
        methods: c.methods.map((m) => ({ name: m.name, params: m.params.map(kmdParam), ...(m.returns && { return: { type: kmdType(m.returns) } }) })),
      }),
      ...(c.events && { events: c.events }),
    }));
  const events = allEventSpecs()
    .filter((e) => e.module === module)
    .map((e) => ({ name: e.name, ...(e.extends && { extends: e.extends }), properties: e.fields.map(kmdParam) }));
  const complexTypes = allComplexTypes()
    .filter((t) => t.module === module)
    .map((t) =>
      t.kind === 'enum'
        ? { name: t.name, typeFormat: 'ENUM', values: t.values }
        : { name: t.name, typeFormat: 'REGISTER', ...(t.extends && { extends: t.extends }), properties: t.fields.map(kmdParam) },
    );
  return { name: module, version, kurentoVersion: KURENTO_API_VERSION, imports: [], remoteClasses, complexTypes, events };
}

/** ServerInfo.modules: kurento-client refuses a server that lacks core, elements or filters. */
export function moduleInfos(generationTime: string): Record<string, unknown>[] {
  return MODULES.map((name) => ({
    version: name === 'fluo' ? FLUO_VERSION : KURENTO_API_VERSION,
    name,
    generationTime,
    factories: factoriesOf(name),
  }));
}
