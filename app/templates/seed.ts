/** A small builder so each template reads as its graph: elements with positions, then connections. */
import type { TemplateSeed } from '../store/graph-store.ts';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type DocumentConnection, type DocumentElement, type PipelineDocument } from '../document/types.ts';

/** Grid the templates are laid out on: columns left to right in media order, rows top to bottom. */
const COLUMN = 260;
const ROW = 140;

/** An element placed at grid cell (column, row). */
export function at(column: number, row: number, element: Omit<DocumentElement, 'position'>): DocumentElement {
  return { ...element, position: { x: 40 + column * COLUMN, y: 40 + row * ROW } };
}

export function template(name: string, description: string, elements: DocumentElement[], connections: DocumentConnection[]): TemplateSeed {
  const document: PipelineDocument = {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    metadata: { name, description },
    elements,
    connections,
  };
  return { name, description, document };
}
