/** How "fit" frames a graph, and the framing of a graph computed before any node is drawn. */
import { getViewportForBounds, type Viewport } from '@xyflow/react';
import type { DocumentConnection, PipelineDocument } from '../../../app/document/types.ts';
import type { CatalogElement } from '../../../app/rpc/api.ts';
import { nodeGeometry } from './node-geometry.ts';
import { isRouted, ROUTE_BELOW, ROUTE_OUT } from './wire-route.ts';

/** From this many elements on, a graph is drawn for speed (no node shadows, problems checked after the first frame). */
export const LARGE_GRAPH = 150;

/**
 * Room kept free around a framed graph, in screen pixels: the zoom buttons (bottom left) and
 * the overview (bottom right) sit in the bottom band, so no node or wire is framed under them.
 */
export const FRAME_PADDING = { top: '36px', right: '36px', bottom: '140px', left: '36px' } as const;

/**
 * Whole small graphs, no larger than 120%; big ones (hundreds of nodes) no smaller than half
 * size, so nodes stay readable and panning draws only what is on screen.
 */
export function zoomLimits(elementCount: number) {
  return { maxZoom: 1.2, minZoom: elementCount > LARGE_GRAPH ? 0.5 : 0.1 };
}

/** A node's box in flow units. */
export interface NodeBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a framed graph must show: every node, and the wires routed under and beside them (wire-route.ts). */
export function graphBounds(boxes: NodeBox[], connections: DocumentConnection[]): { x: number; y: number; width: number; height: number } | null {
  if (boxes.length === 0) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const box of boxes) {
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  const byId = new Map(boxes.map((b) => [b.id, b]));
  for (const connection of connections) {
    const from = byId.get(connection.from);
    const to = byId.get(connection.to);
    if (!from || !to || !isRouted(from.x + from.width, to.x, from === to)) continue;
    left = Math.min(left, to.x - ROUTE_OUT);
    right = Math.max(right, from.x + from.width + ROUTE_OUT);
    bottom = Math.max(bottom, Math.max(from.y + from.height, to.y + to.height) + ROUTE_BELOW);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The viewport that frames these node boxes and their routed wires in a pane of the given size. */
export function framedViewport(boxes: NodeBox[], connections: DocumentConnection[], width: number, height: number): Viewport {
  const bounds = graphBounds(boxes, connections);
  if (!bounds || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  const { minZoom, maxZoom } = zoomLimits(boxes.length);
  return getViewportForBounds(bounds, width, height, minZoom, maxZoom, FRAME_PADDING);
}

/**
 * The viewport that fits the document in a pane of the given size, from element positions and
 * computed node sizes: a graph opens already framed, so React Flow draws only the nodes in that
 * frame once (fitting afterwards would draw the nodes at the origin first, then the framed ones).
 */
export function fittedViewport(document: PipelineDocument, specs: Map<string, CatalogElement>, width: number, height: number): Viewport {
  const boxes = document.elements.map((element): NodeBox => {
    const { x, y } = element.position ?? { x: 0, y: 0 };
    const size = nodeGeometry(specs.get(element.type), false);
    return { id: element.id, x, y, width: size.width, height: size.height };
  });
  return framedViewport(boxes, document.connections, width, height);
}
