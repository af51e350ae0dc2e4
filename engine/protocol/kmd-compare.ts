/**
 * Compares the protocol surface generated from the catalog with Kurento's own module
 * descriptors (the kmd.json files inside kurento-client-core/-elements/-filters) and lists
 * every difference in constructor params, properties, methods, events and complex types.
 */

interface KmdParam {
  name: string;
  type: string;
  optional?: boolean;
  defaultValue?: unknown;
}

interface KmdClass {
  name: string;
  extends?: string;
  abstract?: boolean;
  constructor?: { params: KmdParam[] };
  properties?: { name: string; type: string; readOnly?: boolean; final?: boolean }[];
  methods?: { name: string; params: KmdParam[]; return?: { type: string } }[];
  events?: string[];
}

export interface KmdDocument {
  name: string;
  remoteClasses: KmdClass[];
  events: { name: string; extends?: string; properties: KmdParam[] }[];
  complexTypes: { name: string; typeFormat: string; extends?: string; values?: string[]; properties?: KmdParam[] }[];
}

const show = (value: unknown): string => JSON.stringify(value ?? null);

function param(p: KmdParam): string {
  return `${p.name}: ${p.type}${p.optional ? '?' : ''}${p.optional && p.defaultValue !== undefined ? ` = ${show(p.defaultValue)}` : ''}`;
}

function compareLists(where: string, theirs: string[], ours: string[], out: string[]): void {
  if (show(theirs) !== show(ours)) out.push(`${where}: Kurento ${show(theirs)}, Fluo ${show(ours)}`);
}

/** Properties a kmd writes for one remote class, normalised so equal meaning compares equal. */
function classShape(c: KmdClass): Record<string, string[] | string> {
  // The `constructor` key of a parsed JSON object is an own property; a class without one
  // would otherwise find Object.prototype.constructor.
  const ctor = Object.hasOwn(c, 'constructor') ? c.constructor : undefined;
  return {
    extends: c.extends ?? '',
    abstract: String(c.abstract ?? false),
    constructor: ctor ? ctor.params.map(param) : ['(none)'],
    properties: (c.properties ?? []).map((p) => `${p.name}: ${p.type}${p.readOnly ? ' (ro)' : p.final ? ' (final)' : ' (rw)'}`),
    methods: (c.methods ?? []).map((m) => `${m.name}(${m.params.map(param).join(', ')})${m.return ? `: ${m.return.type}` : ''}`),
    events: c.events ?? [],
  };
}

export function compareKmd(theirs: KmdDocument, ours: KmdDocument): string[] {
  const out: string[] = [];
  const ourClasses = new Map(ours.remoteClasses.map((c) => [c.name, c]));
  for (const kurento of theirs.remoteClasses) {
    const fluo = ourClasses.get(kurento.name);
    if (!fluo) {
      out.push(`${theirs.name}.${kurento.name}: missing from the catalog`);
      continue;
    }
    const a = classShape(kurento);
    const b = classShape(fluo);
    for (const key of Object.keys(a)) {
      const x = a[key]!;
      const y = b[key]!;
      compareLists(`${kurento.name} ${key}`, Array.isArray(x) ? x : [x], Array.isArray(y) ? y : [y], out);
    }
  }
  for (const extra of ours.remoteClasses) {
    if (!theirs.remoteClasses.some((c) => c.name === extra.name)) out.push(`${theirs.name}.${extra.name}: in the catalog but not in Kurento's ${theirs.name} module`);
  }

  const ourEvents = new Map(ours.events.map((e) => [e.name, e]));
  for (const event of theirs.events) {
    const fluo = ourEvents.get(event.name);
    if (!fluo) out.push(`event ${event.name}: missing from the catalog`);
    else {
      compareLists(`event ${event.name} extends`, [event.extends ?? ''], [fluo.extends ?? ''], out);
      compareLists(`event ${event.name} fields`, event.properties.map(param), fluo.properties.map(param), out);
    }
  }

  const ourTypes = new Map(ours.complexTypes.map((t) => [t.name, t]));
  for (const type of theirs.complexTypes) {
    const fluo = ourTypes.get(type.name);
    if (!fluo) out.push(`type ${type.name}: missing from the catalog`);
    else if (type.typeFormat === 'ENUM') compareLists(`enum ${type.name}`, type.values ?? [], fluo.values ?? [], out);
    else {
      compareLists(`struct ${type.name} extends`, [type.extends ?? ''], [fluo.extends ?? ''], out);
      compareLists(`struct ${type.name} fields`, (type.properties ?? []).map(param), (fluo.properties ?? []).map(param), out);
    }
  }
  return out;
}
