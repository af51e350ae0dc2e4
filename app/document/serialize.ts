/**
 * The one canonical text form of a pipeline document: `fluo export`, the editor's export and
 * the store's exports all go through here, so the same document always gives the same bytes.
 * Known keys come in the format's own order (what a reader expects to see first); any other
 * keys (params, properties, struct fields, extra metadata) follow in code-point order.
 */

/** Key order per place in the document; keys not listed sort after these, by code point. */
const TOP_LEVEL = ['format', 'version', 'metadata', 'elements', 'connections'];
const METADATA = ['name', 'description', 'createdAt', 'updatedAt'];
const ELEMENT = ['id', 'type', 'label', 'params', 'properties', 'position'];
const CONNECTION = ['from', 'fromPad', 'to', 'toPad', 'mediaType'];
const POSITION = ['x', 'y'];

export function serializeDocument(document: unknown): string {
  return `${JSON.stringify(canonical(document, 'root'), null, 2)}\n`;
}

type Place = 'root' | 'metadata' | 'elements' | 'element' | 'connections' | 'connection' | 'position' | 'other';

function childPlace(place: Place, key: string): Place {
  if (place === 'root') return key === 'metadata' ? 'metadata' : key === 'elements' ? 'elements' : key === 'connections' ? 'connections' : 'other';
  if (place === 'element' && key === 'position') return 'position';
  return 'other';
}

function orderFor(place: Place): string[] {
  switch (place) {
    case 'root':
      return TOP_LEVEL;
    case 'metadata':
      return METADATA;
    case 'element':
      return ELEMENT;
    case 'connection':
      return CONNECTION;
    case 'position':
      return POSITION;
    default:
      return [];
  }
}

function canonical(value: unknown, place: Place): unknown {
  if (Array.isArray(value)) {
    const itemPlace: Place = place === 'elements' ? 'element' : place === 'connections' ? 'connection' : 'other';
    return value.map((item) => canonical(item, itemPlace));
  }
  if (typeof value !== 'object' || value === null) return value;
  const order = orderFor(place);
  const rank = (key: string): number => {
    const index = order.indexOf(key);
    return index < 0 ? order.length : index;
  };
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    Object.defineProperty(out, key, { value: canonical(item, childPlace(place, key)), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
