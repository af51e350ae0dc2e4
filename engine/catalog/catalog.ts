/**
 * The element catalog: every class, event and complex type, with lookups that resolve
 * inheritance (members declared on a base class belong to every subclass).
 */
import { CORE_CLASSES } from './core-classes.ts';
import { ELEMENTS_CLASSES } from './elements-classes.ts';
import { FILTERS_CLASSES } from './filters-classes.ts';
import { FLUO_CLASSES } from './fluo-classes.ts';
import { FLUO_EVENTS, FLUO_TYPES } from './fluo-types.ts';
import { KURENTO_EVENTS } from './kurento-events.ts';
import { KURENTO_TYPES } from './kurento-types.ts';
import type {
  ClassSpec,
  ComplexTypeSpec,
  ElementCategory,
  EventSpec,
  MethodSpec,
  PadSpec,
  ParamSpec,
  PropertySpec,
} from './types.ts';

const classes = new Map<string, ClassSpec>();
for (const spec of [...CORE_CLASSES, ...ELEMENTS_CLASSES, ...FILTERS_CLASSES, ...FLUO_CLASSES]) classes.set(spec.name, spec);
const events = new Map<string, EventSpec>();
for (const spec of [...KURENTO_EVENTS, ...FLUO_EVENTS]) events.set(spec.name, spec);
const complexTypes = new Map<string, ComplexTypeSpec>();
for (const spec of [...KURENTO_TYPES, ...FLUO_TYPES]) complexTypes.set(spec.name, spec);

/** Classes the studio and the engine do not offer (GStreamer internals Fluo cannot run). */
const NOT_OFFERED = new Set(['GStreamerFilter', 'ServerManager']);

/** Constructor params every element takes implicitly from where it is created. */
export const CONTEXT_PARAMS = new Set(['mediaPipeline', 'hub']);

export function findClass(name: string): ClassSpec | undefined {
  return classes.get(name);
}

export function getClass(name: string): ClassSpec {
  const spec = classes.get(name);
  if (!spec) throw new Error(`Unknown element type '${name}'`);
  return spec;
}

export function allClasses(): ClassSpec[] {
  return [...classes.values()];
}

const lineages = new Map<string, readonly ClassSpec[]>();
const propertyLists = new Map<string, PropertySpec[]>();

/** The class followed by its ancestors, nearest first. Cached: the catalog is fixed at load. */
export function lineage(name: string): ClassSpec[] {
  let chain = lineages.get(name);
  if (!chain) {
    const built: ClassSpec[] = [];
    for (let spec: ClassSpec | undefined = getClass(name); spec; spec = spec.extends ? getClass(spec.extends) : undefined) built.push(spec);
    lineages.set(name, built);
    chain = built;
  }
  return [...chain];
}

export function isA(name: string, ancestor: string): boolean {
  return classes.has(name) && lineage(name).some((spec) => spec.name === ancestor);
}

export function categoryOf(name: string): ElementCategory {
  if (isA(name, 'HubPort')) return 'hubport';
  if (isA(name, 'Hub')) return 'hub';
  if (isA(name, 'Endpoint')) return 'endpoint';
  // PassThrough is no Filter in Kurento, but it sits between elements like one, so the palette files it there.
  if (isA(name, 'Filter') || isA(name, 'PassThrough')) return 'filter';
  if (isA(name, 'MediaPipeline')) return 'pipeline';
  return 'base';
}

/** Concrete element and hub types a pipeline document may contain. */
export function creatableTypes(): ClassSpec[] {
  return allClasses().filter(
    (spec) => !spec.abstract && spec.constructorParams && !NOT_OFFERED.has(spec.name) && spec.name !== 'MediaPipeline',
  );
}

export function isCreatable(name: string): boolean {
  return creatableTypes().some((spec) => spec.name === name);
}

export function isFluoOnly(name: string): boolean {
  return getClass(name).module === 'fluo';
}

/** Constructor params a user sets (mediaPipeline and hub come from context). */
export function userParams(name: string): ParamSpec[] {
  return (getClass(name).constructorParams ?? []).filter((p) => !CONTEXT_PARAMS.has(p.name));
}

export function allProperties(name: string): PropertySpec[] {
  let list = propertyLists.get(name);
  if (!list) {
    list = lineage(name)
      .reverse()
      .flatMap((spec) => spec.properties ?? []);
    propertyLists.set(name, list);
  }
  return list;
}

export function findProperty(name: string, property: string): PropertySpec | undefined {
  return allProperties(name).find((p) => p.name === property);
}

export function allMethods(name: string): MethodSpec[] {
  const byName = new Map<string, MethodSpec>();
  // Base first, so an override on a subclass (e.g. Dispatcher.connect) replaces it.
  for (const spec of lineage(name).reverse()) for (const m of spec.methods ?? []) byName.set(m.name, m);
  return [...byName.values()];
}

export function allEvents(name: string): string[] {
  return [...new Set(lineage(name).flatMap((spec) => spec.events ?? []))];
}

export function padsOf(name: string): { sources: PadSpec[]; sinks: PadSpec[] } {
  for (const spec of lineage(name)) if (spec.pads) return spec.pads;
  return { sources: [], sinks: [] };
}

export function findEvent(name: string): EventSpec | undefined {
  return events.get(name);
}

/** An event's fields including those inherited from its base events. */
export function eventFields(name: string): ParamSpec[] {
  const fields: ParamSpec[] = [];
  for (let spec = events.get(name); spec; spec = spec.extends ? events.get(spec.extends) : undefined) {
    fields.unshift(...spec.fields);
  }
  return fields;
}

export function allEventSpecs(): EventSpec[] {
  return [...events.values()];
}

export function findComplexType(name: string): ComplexTypeSpec | undefined {
  return complexTypes.get(name);
}

export function allComplexTypes(): ComplexTypeSpec[] {
  return [...complexTypes.values()];
}
