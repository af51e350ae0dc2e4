/**
 * Pure edits of a pipeline document: every canvas and inspector action is one of these,
 * returning a new document (so undo/redo is a stack of documents).
 */
import type { DocumentConnection, DocumentElement, PipelineDocument } from '../../../app/document/types.ts';

export type Position = { x: number; y: number };

/** A fresh id for a new element of `type`: lowerCamel type name plus a number ('webRtcEndpoint2'). */
export function newElementId(document: PipelineDocument, type: string, taken: Set<string> = new Set()): string {
  const base = type.charAt(0).toLowerCase() + type.slice(1);
  const used = new Set([...document.elements.map((e) => e.id), ...taken]);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

export function addElement(document: PipelineDocument, element: DocumentElement): PipelineDocument {
  return { ...document, elements: [...document.elements, element] };
}

export function removeItems(document: PipelineDocument, elementIds: Set<string>, connectionKeys: Set<string>): PipelineDocument {
  // A hub takes its ports with it: a HubPort without its hub is not a valid element.
  const removed = new Set(elementIds);
  for (const e of document.elements) if (e.type === 'HubPort' && removed.has(String(e.params?.hub))) removed.add(e.id);
  return {
    ...document,
    elements: document.elements.filter((e) => !removed.has(e.id)),
    connections: document.connections.filter((c) => !removed.has(c.from) && !removed.has(c.to) && !connectionKeys.has(connectionKey(c))),
  };
}

export function moveElements(document: PipelineDocument, positions: Map<string, Position>): PipelineDocument {
  return {
    ...document,
    elements: document.elements.map((e) => {
      const p = positions.get(e.id);
      return p ? { ...e, position: { x: Math.round(p.x), y: Math.round(p.y) } } : e;
    }),
  };
}

export function updateElement(document: PipelineDocument, id: string, change: (element: DocumentElement) => DocumentElement): PipelineDocument {
  return { ...document, elements: document.elements.map((e) => (e.id === id ? change(e) : e)) };
}

/** Sets (or, with undefined, removes) one entry of an element's params or properties. */
export function setElementValue(document: PipelineDocument, id: string, field: 'params' | 'properties', name: string, value: unknown): PipelineDocument {
  return updateElement(document, id, (element) => {
    const values = { ...(element[field] ?? {}) };
    if (value === undefined) delete values[name];
    else values[name] = value;
    const next: DocumentElement = { ...element, [field]: values };
    if (Object.keys(values).length === 0) delete next[field];
    return next;
  });
}

export function setLabel(document: PipelineDocument, id: string, label: string): PipelineDocument {
  return updateElement(document, id, (element) => {
    const next: DocumentElement = { ...element, label };
    if (label.trim() === '') delete next.label;
    return next;
  });
}

export function addConnection(document: PipelineDocument, connection: DocumentConnection): PipelineDocument {
  return { ...document, connections: [...document.connections, connection] };
}

/** Stable identity of a connection (its ends, pads and media type). */
export function connectionKey(c: DocumentConnection): string {
  return `${c.from}:${c.fromPad ?? 'default'}>${c.to}:${c.toPad ?? 'default'}/${c.mediaType ?? '*'}`;
}

/**
 * Copies of `elements` (with the connections among them) under fresh ids, shifted by
 * `offset`: what paste and duplicate insert. HubPorts keep their hub when it is copied too,
 * or when it exists in the target document.
 */
export function cloneItems(
  document: PipelineDocument,
  elements: DocumentElement[],
  connections: DocumentConnection[],
  offset: Position,
): { document: PipelineDocument; ids: string[] } {
  const renamed = new Map<string, string>();
  const taken = new Set<string>();
  for (const e of elements) {
    const id = newElementId(document, e.type, taken);
    taken.add(id);
    renamed.set(e.id, id);
  }
  const existing = new Set(document.elements.map((e) => e.id));
  const copies = elements
    .map((e): DocumentElement | undefined => {
      const copy: DocumentElement = structuredClone(e);
      copy.id = renamed.get(e.id)!;
      const position = e.position ?? { x: 0, y: 0 };
      copy.position = { x: position.x + offset.x, y: position.y + offset.y };
      if (copy.type === 'HubPort') {
        const hub = String(copy.params?.hub);
        const target = renamed.get(hub) ?? (existing.has(hub) ? hub : undefined);
        if (!target) return undefined;
        copy.params = { ...copy.params, hub: target };
      }
      return copy;
    })
    .filter((e): e is DocumentElement => e !== undefined);
  const kept = new Set(copies.map((e) => e.id));
  const links = connections
    .filter((c) => renamed.has(c.from) && renamed.has(c.to))
    .map((c) => ({ ...c, from: renamed.get(c.from)!, to: renamed.get(c.to)! }))
    .filter((c) => kept.has(c.from) && kept.has(c.to));
  return {
    document: { ...document, elements: [...document.elements, ...copies], connections: [...document.connections, ...links] },
    ids: copies.map((e) => e.id),
  };
}

/** Simple layered layout: sources left, sinks right, following connections (auto-layout). */
export function autoLayout(document: PipelineDocument): PipelineDocument {
  const depth = new Map<string, number>(document.elements.map((e) => [e.id, 0]));
  for (let pass = 0; pass < document.elements.length; pass++) {
    let changed = false;
    for (const c of document.connections) {
      if (c.from === c.to) continue;
      const next = (depth.get(c.from) ?? 0) + 1;
      if (next > (depth.get(c.to) ?? 0) && next < document.elements.length) {
        depth.set(c.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = new Map<number, number>();
  const positions = new Map<string, Position>();
  for (const e of document.elements) {
    const column = depth.get(e.id) ?? 0;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    positions.set(e.id, { x: 40 + column * 280, y: 40 + row * 160 });
  }
  return moveElements(document, positions);
}
