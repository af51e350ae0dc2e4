/**
 * How much a node shows. A large graph zoomed out below OVERVIEW_ZOOM draws its nodes as
 * overview cards: a big label and coloured pad dots, without React Flow's handles (a wire
 * cannot be drawn at that size anyway: zoom in to wire). Wires keep their ends: React Flow
 * places them from the computed handle boxes (node-geometry.ts), not from the DOM. Opening a
 * 500-node graph then draws a fifth of the elements, and a pan frame runs no handle's store
 * selector. Small graphs always show everything.
 */
import { useStore, type ReactFlowState } from '@xyflow/react';
import { createContext, type ReactNode } from 'react';

export const OVERVIEW_ZOOM = 0.6;

/** True: full nodes with handles; false: overview cards. */
export const NodeDetail = createContext(true);

export function NodeDetailProvider({ large, children }: { large: boolean; children: ReactNode }) {
  const detailed = useStore((s: ReactFlowState) => !large || s.transform[2] >= OVERVIEW_ZOOM);
  // children is the same element between zoom changes: only the nodes (context readers) render again.
  return <NodeDetail.Provider value={detailed}>{children}</NodeDetail.Provider>;
}
