/**
 * Where a node's box and handles are before the browser has measured it, computed from the
 * same constants the node's layout uses (element-node.tsx, styles.css). React Flow renders
 * every node it has not measured yet, visible or not; a node that comes with its size and
 * handles is only rendered once it is on screen, so a 500-node graph opens by drawing the
 * few dozen nodes in view, once (no second pass to measure them). A drawn node of another
 * size (a preview, a wrapped line) is measured by React Flow's resize observer; the e2e test
 * checks these figures against the browser's layout.
 */
import { Position, type NodeHandle } from '@xyflow/react';
import type { CatalogElement } from '../../../app/rpc/api.ts';
import { padHandles } from './handles.ts';

/** Layout constants shared with element-node.tsx and styles.css (.element-node, .media-handle, .hub-handle). */
export const NODE_WIDTH = 210;
export const NODE_BORDER = 1; // whole pixels: Chromium rounds a 1.5px border down to 1px at 100% scale
export const HEADER = 46;
export const ROW = 20;
const PADS_EXTRA = 6;
const MEDIA_HANDLE = 11;
const HUB_HANDLE = 8;
const PROBLEM_LINE = 24;

export interface NodeGeometry {
  width: number;
  height: number;
  handles: NodeHandle[];
}

/** Per catalog element, without and with a problem line: a 500-node graph has a handful of types. */
const computed = new WeakMap<CatalogElement, [NodeGeometry?, NodeGeometry?]>();

/**
 * The node's size and handle boxes (relative to the node's top-left corner, as React Flow
 * measures them). The same object for every node of a type: treat it as read-only.
 */
export function nodeGeometry(spec: CatalogElement | undefined, hasProblem: boolean): NodeGeometry {
  if (!spec) return geometryOf(spec, hasProblem);
  const known = computed.get(spec) ?? [];
  const index = hasProblem ? 1 : 0;
  known[index] ??= geometryOf(spec, hasProblem);
  computed.set(spec, known);
  return known[index];
}

function geometryOf(spec: CatalogElement | undefined, hasProblem: boolean): NodeGeometry {
  const sinks = (spec?.pads.sinks ?? []).flatMap(padHandles);
  const sources = (spec?.pads.sources ?? []).flatMap(padHandles);
  const rows = Math.max(sinks.length, sources.length, 1);
  const height = NODE_BORDER * 2 + HEADER + rows * ROW + PADS_EXTRA + (hasProblem ? PROBLEM_LINE : 0);
  const inner = NODE_BORDER; // handles sit in the node's padding box, inside its border
  const rowY = (index: number) => inner + HEADER + index * ROW + ROW / 2 - MEDIA_HANDLE / 2;
  const media = (side: 'source' | 'target', id: string, index: number): NodeHandle => ({
    id,
    type: side,
    position: side === 'source' ? Position.Right : Position.Left,
    x: side === 'source' ? NODE_WIDTH - inner - MEDIA_HANDLE / 2 : inner - MEDIA_HANDLE / 2,
    y: rowY(index),
    width: MEDIA_HANDLE,
    height: MEDIA_HANDLE,
  });
  const handles = [...sinks.map((h, i) => media('target', h.id, i)), ...sources.map((h, i) => media('source', h.id, i))];
  const centreX = NODE_WIDTH / 2 - HUB_HANDLE / 2;
  if (spec?.category === 'hub') {
    handles.push({ id: 'hub', type: 'source', position: Position.Bottom, x: centreX, y: height - inner - HUB_HANDLE / 2, width: HUB_HANDLE, height: HUB_HANDLE });
  } else if (spec?.category === 'hubport') {
    handles.push({ id: 'hub', type: 'target', position: Position.Top, x: centreX, y: inner - HUB_HANDLE / 2, width: HUB_HANDLE, height: HUB_HANDLE });
  }
  return { width: NODE_WIDTH, height, handles };
}
