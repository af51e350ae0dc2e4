/**
 * The canvas's React Flow nodes from the document and the run's state. A node whose inputs
 * did not change keeps its object, so React Flow skips it (it compares nodes by identity) and
 * its component does not render again: a run's state event re-renders one node, not 500.
 */
import type { NodeChange } from '@xyflow/react';
import type { DocumentElement, PipelineDocument } from '../../../app/document/types.ts';
import type { CatalogElement, ElementState } from '../../../app/rpc/api.ts';
import type { PeerStats } from '../media/peer.ts';
import type { ElementNode, ElementNodeData } from './element-node.tsx';
import { nodeGeometry } from './node-geometry.ts';

export interface NodeInputs {
  specs: Map<string, CatalogElement>;
  states: Map<string, { state: ElementState; message?: string }>;
  problems: Map<string, string[]>;
  previews: Map<string, MediaStream>;
  stats: Map<string, PeerStats>;
}

function nodeData(element: DocumentElement, inputs: NodeInputs): ElementNodeData {
  const runtime = inputs.states.get(element.id);
  const problems = inputs.problems.get(element.id);
  const preview = inputs.previews.get(element.id);
  const stats = inputs.stats.get(element.id);
  return {
    element,
    spec: inputs.specs.get(element.type),
    ...(runtime && { state: runtime.state, ...(runtime.message && { stateMessage: runtime.message }) }),
    ...(problems && { problems }),
    ...(preview && { preview }),
    ...(stats && { stats }),
  };
}

function sameData(a: ElementNodeData, b: ElementNodeData): boolean {
  return (
    a.element === b.element &&
    a.spec === b.spec &&
    a.state === b.state &&
    a.stateMessage === b.stateMessage &&
    a.preview === b.preview &&
    a.stats === b.stats &&
    (a.problems ?? []).join('\n') === (b.problems ?? []).join('\n')
  );
}

export function flowNodes(previous: ElementNode[], document: PipelineDocument, inputs: NodeInputs): ElementNode[] {
  const old = new Map(previous.map((n) => [n.id, n]));
  return document.elements.map((element): ElementNode => {
    const before = old.get(element.id);
    const data = nodeData(element, inputs);
    if (before && sameData(before.data, data)) return before;
    if (before) return { ...before, position: element.position ?? { x: 0, y: 0 }, data };
    // A new node comes with its computed box and handles, as if measured: React Flow draws
    // only the nodes on screen, and does not draw them twice to measure them. A node whose
    // drawn size differs (a preview, a problem line) is measured by React Flow's observer.
    const { width, height, handles } = nodeGeometry(data.spec, data.problems !== undefined);
    return { id: element.id, type: 'element', position: element.position ?? { x: 0, y: 0 }, selected: false, measured: { width, height }, handles, data };
  });
}

/** Nodes React Flow has just measured drop their computed handles: it would take those over the measured ones. */
export function withoutComputedHandles(nodes: ElementNode[], changes: NodeChange<ElementNode>[]): ElementNode[] {
  const measured = new Set(changes.filter((c) => c.type === 'dimensions').map((c) => (c as { id: string }).id));
  if (measured.size === 0) return nodes;
  return nodes.map((node) => {
    if (!measured.has(node.id) || !node.handles) return node;
    const { handles: _handles, ...rest } = node;
    return rest;
  });
}
