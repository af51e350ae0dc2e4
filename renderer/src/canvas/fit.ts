/** How "fit" frames a graph, and the framing of a graph computed before any node is drawn. */
import { getViewportForBounds, type Viewport } from '@xyflow/react';
import type { PipelineDocument } from '../../../app/document/types.ts';
import type { CatalogElement } from '../../../app/rpc/api.ts';
import { nodeGeometry } from './node-geometry.ts';

/**
 * Whole small graphs; big ones (hundreds of nodes) no smaller than half size, so nodes stay
 * readable and panning draws only what is on screen.
 */
export function fitOptions(elementCount: number) {
  return { padding: 0.2, maxZoom: 1.2, minZoom: elementCount > 150 ? 0.5 : 0.1 };
}

/**
 * The viewport that fits the document in a pane of the given size, from element positions and
 * computed node sizes: a graph opens already framed, so React Flow draws only the nodes in that
 * frame once (fitting afterwards would draw the nodes at the origin first, then the framed ones).
 */
export function fittedViewport(document: PipelineDocument, specs: Map<string, CatalogElement>, width: number, height: number): Viewport {
  if (document.elements.length === 0 || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const element of document.elements) {
    const { x, y } = element.position ?? { x: 0, y: 0 };
    const size = nodeGeometry(specs.get(element.type), false);
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + size.width);
    bottom = Math.max(bottom, y + size.height);
  }
  const { minZoom, maxZoom, padding } = fitOptions(document.elements.length);
  return getViewportForBounds({ x: left, y: top, width: right - left, height: bottom - top }, width, height, minZoom, maxZoom, padding);
}
