/** Copy/paste of elements with the connections among them; kept in localStorage so it works between graphs and tabs. */
import type { DocumentConnection, DocumentElement, PipelineDocument } from '../../../app/document/types.ts';

const KEY = 'fluo.clipboard';

interface Clip {
  elements: DocumentElement[];
  connections: DocumentConnection[];
}

export function selectionClip(document: PipelineDocument, ids: string[]): Clip {
  const chosen = new Set(ids);
  return {
    elements: document.elements.filter((e) => chosen.has(e.id)),
    connections: document.connections.filter((c) => chosen.has(c.from) && chosen.has(c.to)),
  };
}

export function copyToClipboard(clip: Clip): void {
  localStorage.setItem(KEY, JSON.stringify(clip));
}

export function readClipboard(): Clip | undefined {
  try {
    const clip = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Clip | null;
    return clip && Array.isArray(clip.elements) && Array.isArray(clip.connections) && clip.elements.length > 0 ? clip : undefined;
  } catch {
    return undefined;
  }
}
