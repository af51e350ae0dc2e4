/**
 * The shape of the element catalog: one description of every Kurento (and Fluo) class,
 * from which the palette, the inspector, the pipeline JSON schema, the Kurento Protocol
 * and `describe` are all generated.
 */

export const MEDIA_TYPES = ['AUDIO', 'VIDEO', 'DATA'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** Which Kurento module descriptor declares a class; `fluo` marks our own elements. */
export type ModuleName = 'core' | 'elements' | 'filters' | 'fluo';

/** Where an element sits in the palette. */
export type ElementCategory = 'endpoint' | 'filter' | 'hub' | 'hubport' | 'pipeline' | 'base';

/** A value's type, in Kurento's type system plus the hints an editor form needs. */
export type ValueType =
  | { kind: 'int'; min?: number; max?: number }
  | { kind: 'int64'; min?: number; max?: number }
  | { kind: 'float'; min?: number; max?: number }
  | { kind: 'double'; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'string'; format?: StringFormat; minLength?: number }
  /** A named complex type from the catalog's type table (enum or struct). */
  | { kind: 'complex'; name: string }
  | { kind: 'array'; of: ValueType }
  | { kind: 'map'; of: ValueType }
  /** A reference to another remote object, sent as its id. */
  | { kind: 'object'; className: string };

/**
 * Hints for string inputs: URIs get file pickers, colours get colour inputs. Some are also
 * checked (string-formats.ts): colours, IP addresses and Kurento's turnUrl.
 */
export type StringFormat = 'uri' | 'file-uri' | 'color' | 'ffmpeg-filter' | 'sdp' | 'device' | 'ip-address' | 'turn-url';

export interface ParamSpec {
  name: string;
  type: ValueType;
  optional?: boolean;
  default?: unknown;
  unit?: string;
  description: string;
}

export type PropertyAccess = 'rw' | 'ro' | 'final';

export interface PropertySpec {
  name: string;
  type: ValueType;
  access: PropertyAccess;
  default?: unknown;
  unit?: string;
  description: string;
}

export interface MethodSpec {
  name: string;
  params: ParamSpec[];
  returns?: ValueType;
  description: string;
  /** Shown as a button in the inspector while the pipeline runs. */
  action?: boolean;
}

export interface PadSpec {
  /** Kurento's media description; `default` is the pad every connection uses unless named. */
  name: string;
  mediaTypes: MediaType[];
  description?: string;
}

export interface ClassSpec {
  name: string;
  module: ModuleName;
  extends?: string;
  abstract?: boolean;
  description: string;
  /** Short palette/search text, one line. */
  summary?: string;
  /** Icon id for the editor (a name from the renderer's icon set). */
  icon?: string;
  constructorParams?: ParamSpec[];
  properties?: PropertySpec[];
  methods?: MethodSpec[];
  /** Names of events this class declares (subclasses inherit them). */
  events?: string[];
  /** Media the element produces (source pads) and accepts (sink pads). Absent = inherit. */
  pads?: { sources: PadSpec[]; sinks: PadSpec[] };
}

export interface EventSpec {
  name: string;
  module: ModuleName;
  extends?: string;
  /** When and why the event fires, one sentence. */
  description?: string;
  fields: ParamSpec[];
}

export type ComplexTypeSpec =
  | { kind: 'enum'; name: string; module: ModuleName; values: string[]; description?: string }
  | { kind: 'struct'; name: string; module: ModuleName; extends?: string; fields: ParamSpec[]; description?: string };
