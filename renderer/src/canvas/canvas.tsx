/**
 * The graph canvas (React Flow): nodes from the document's elements, edges from its
 * connections. Wires are checked while dragging by app/document's validator; a refused
 * wire reports its reason. Moves, deletes and new wires become document edits.
 */
import {
  applyEdgeChanges,
  applyNodeChanges,
  ControlButton,
  Controls,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { DocumentConnection, PipelineDocument } from '../../../app/document/types.ts';
import type { CatalogElement, ElementState } from '../../../app/rpc/api.ts';
import type { MediaType } from '../../../engine/catalog/types.ts';
import { addConnection, connectionKey, moveElements, removeItems, type Position } from '../editor/document-ops.ts';
import { wireProblem } from '../editor/wire-check.ts';
import type { PeerStats } from '../media/peer.ts';
import { ElementNodeComponent, type ElementNode } from './element-node.tsx';
import { handleFor, MEDIA_COLORS, parseHandle } from './handles.ts';
import { fittedViewport, framedViewport, LARGE_GRAPH, type NodeBox } from './fit.ts';
import { flowNodes, withoutComputedHandles } from './flow-nodes.ts';
import { WireEdge } from './wire-edge.tsx';
import { Overview } from './overview.tsx';
import { DotGrid } from './dot-grid.tsx';
import { NodeDetailProvider } from './detail.tsx';

export const PALETTE_DRAG_TYPE = 'application/x-fluo-element';
const nodeTypes = { element: ElementNodeComponent };
const edgeTypes = { wire: WireEdge };

export interface CanvasProps {
  document: PipelineDocument;
  specs: Map<string, CatalogElement>;
  states: Map<string, { state: ElementState; message?: string }>;
  problems: Map<string, string[]>;
  previews: Map<string, MediaStream>;
  stats: Map<string, PeerStats>;
  edit(change: (document: PipelineDocument) => PipelineDocument): void;
  /** A new value frames the document (a graph was loaded). */
  fitKey: number;
  /** A new value frames the graph as drawn now, animated (the fit command). */
  fitRequest: number;
  onSelection(elementIds: string[], connectionKeys: string[]): void;
  onAdd(type: string, position: Position): void;
  onRefused(reason: string): void;
  theme: 'light' | 'dark';
}

/** The document connection a drawn wire stands for, or the reason it cannot be one. */
export function wireFrom(connection: Connection): DocumentConnection | string {
  const from = parseHandle(connection.sourceHandle);
  const to = parseHandle(connection.targetHandle);
  if (from.media !== '*' && to.media !== '*' && from.media !== to.media) {
    return `A ${from.media} output cannot feed a ${to.media} input`;
  }
  const mediaType = (from.media !== '*' ? from.media : to.media !== '*' ? to.media : undefined) as MediaType | undefined;
  return {
    from: connection.source,
    to: connection.target,
    ...(from.pad !== 'default' && { fromPad: from.pad }),
    ...(to.pad !== 'default' && { toPad: to.pad }),
    ...(mediaType && { mediaType }),
  };
}

export function Canvas(props: CanvasProps) {
  const { document, specs, states, problems, previews, stats, edit, fitKey, fitRequest, onSelection, onAdd, onRefused, theme } = props;
  const large = document.elements.length > LARGE_GRAPH;
  const flow = useReactFlow();
  const [nodes, setNodes] = useState<ElementNode[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);
  const [hoverReason, setHoverReason] = useState<string | undefined>();
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;

  useEffect(() => {
    setNodes((previous) => flowNodes(previous, document, { specs, states, problems, previews, stats }));
  }, [document, specs, states, problems, previews, stats]);

  // After the nodes are set, in the same pass (React Flow's pane is set up by then: child effects run first).
  const container = useRef<HTMLDivElement>(null);
  const documentRef = useRef(document);
  documentRef.current = document;
  /**
   * The view follows the graph (frames it again when a node grows: a preview, a problem line)
   * from opening or fitting until the person pans or zooms it themselves.
   */
  const following = useRef(true);
  useEffect(() => {
    const box = container.current?.getBoundingClientRect();
    following.current = true;
    void flow.setViewport(fittedViewport(documentRef.current, specs, box?.width ?? 0, box?.height ?? 0));
    // Only a newly loaded graph is framed, not every edit.
  }, [fitKey, flow]);

  /** Frames the nodes as drawn now and their routed wires (sizes from React Flow's own measurements: the newest). */
  const fitDrawn = useCallback(() => {
    const box = container.current?.getBoundingClientRect();
    const boxes = nodesRef.current.map((n): NodeBox => {
      const measured = flow.getInternalNode(n.id)?.measured ?? n.measured;
      return { id: n.id, x: n.position.x, y: n.position.y, width: measured?.width ?? 0, height: measured?.height ?? 0 };
    });
    void flow.setViewport(framedViewport(boxes, documentRef.current.connections, box?.width ?? 0, box?.height ?? 0), { duration: 200 });
  }, [flow]);

  const fitNow = useCallback(() => {
    following.current = true;
    fitDrawn();
  }, [fitDrawn]);
  useEffect(() => {
    if (fitRequest > 0) fitNow();
  }, [fitRequest, fitNow]);

  const refitPending = useRef(false);
  const refitIfFollowing = useCallback(() => {
    if (!following.current || large || refitPending.current) return;
    refitPending.current = true;
    requestAnimationFrame(() => {
      refitPending.current = false;
      if (following.current) fitDrawn();
    });
  }, [fitDrawn, large]);
  const onUserMove = useCallback(() => {
    following.current = false;
  }, []);
  // Programmatic moves (fit, the overview's own) come without an input event.
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) following.current = false;
  }, []);

  const hubLinks = useMemo(
    () =>
      document.elements
        .filter((e) => e.type === 'HubPort' && typeof e.params?.hub === 'string')
        .map((e): Edge => ({ id: `hub:${e.id}`, source: String(e.params!.hub), sourceHandle: 'hub', target: e.id, targetHandle: 'hub', selectable: false, deletable: false, className: 'hub-link', style: { strokeDasharray: '4 4' } })),
    [document],
  );

  useEffect(() => {
    setEdges((previous) => {
      const selected = new Set(previous.filter((e) => e.selected).map((e) => e.id));
      const wires = document.connections.map((c): Edge => {
        const id = connectionKey(c);
        const fromPads = specs.get(document.elements.find((e) => e.id === c.from)?.type ?? '')?.pads.sources ?? [];
        const toPads = specs.get(document.elements.find((e) => e.id === c.to)?.type ?? '')?.pads.sinks ?? [];
        const color = MEDIA_COLORS[c.mediaType ?? '*'];
        return {
          id,
          source: c.from,
          target: c.to,
          sourceHandle: handleFor(fromPads, c.fromPad ?? 'default', c.mediaType),
          targetHandle: handleFor(toPads, c.toPad ?? 'default', c.mediaType),
          selected: selected.has(id),
          type: 'wire',
          style: { stroke: color, strokeWidth: 2 },
          ...(c.mediaType && { label: c.mediaType.toLowerCase(), labelStyle: { fill: color } }),
          data: { mediaType: c.mediaType ?? null },
        };
      });
      return [...wires, ...hubLinks];
    });
  }, [document, specs, hubLinks]);

  const onNodesChange = useCallback(
    (changes: NodeChange<ElementNode>[]) => {
      if (changes.some((c) => c.type === 'dimensions')) refitIfFollowing();
      setNodes((current) => {
        const next = withoutComputedHandles(applyNodeChanges(changes.filter((c) => c.type !== 'remove'), current), changes);
        const finished = changes.filter((c) => c.type === 'position' && c.dragging === false);
        if (finished.length > 0) {
          const positions = new Map<string, Position>();
          for (const change of finished) {
            const node = next.find((n) => n.id === (change as { id: string }).id);
            if (node) positions.set(node.id, node.position);
          }
          queueMicrotask(() => edit((d) => moveElements(d, positions)));
        }
        return next;
      });
    },
    [edit, refitIfFollowing],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => setEdges((current) => applyEdgeChanges(changes.filter((c) => c.type !== 'remove'), current)), []);

  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: ElementNode[]; edges: Edge[] }) => {
      edit((d) => removeItems(d, new Set(gone.map((n) => n.id)), new Set(cut.map((e) => e.id))));
    },
    [edit],
  );

  const problemOf = useCallback(
    (connection: Connection): string | undefined => {
      const wire = wireFrom(connection);
      return typeof wire === 'string' ? wire : wireProblem(document, wire);
    },
    [document],
  );

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => {
      const reason = problemOf(connection as Connection);
      queueMicrotask(() => setHoverReason(reason));
      return reason === undefined;
    },
    [problemOf],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const wire = wireFrom(connection);
      if (typeof wire !== 'string') edit((d) => addConnection(d, wire));
    },
    [edit],
  );

  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      setHoverReason(undefined);
      if (state.isValid || !state.toNode || !state.fromHandle || !state.toHandle) return;
      const forward = state.fromHandle.type === 'source';
      const [source, target] = forward ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle];
      const reason = problemOf({ source: source.nodeId, sourceHandle: source.id ?? null, target: target.nodeId, targetHandle: target.id ?? null });
      if (reason) onRefused(reason);
    },
    [problemOf, onRefused],
  );

  const onSelectionChange = useCallback(
    ({ nodes: picked, edges: wires }: OnSelectionChangeParams) => onSelection(picked.map((n) => n.id), wires.filter((e) => !e.id.startsWith('hub:')).map((e) => e.id)),
    [onSelection],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!type) return;
      event.preventDefault();
      onAdd(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [flow, onAdd],
  );

  return (
    <div ref={container} className={`canvas${large ? ' large' : ''}`} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <NodeDetailProvider large={large}>
        <ReactFlow<ElementNode, Edge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onDelete={onDelete}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onSelectionChange={onSelectionChange}
          onMoveStart={onMoveStart}
          colorMode={theme}
          snapToGrid
          snapGrid={[20, 20]}
          deleteKeyCode={['Delete', 'Backspace']}
          multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
          selectionKeyCode="Shift"
          onlyRenderVisibleElements
          minZoom={0.1}
          maxZoom={2.5}
          proOptions={{ hideAttribution: true }}
        >
          <DotGrid gap={20} size={1.2} />
          <Overview nodes={nodes} onUserMove={onUserMove} />
          <Controls orientation="horizontal" showFitView={false}>
            <ControlButton onClick={fitNow} title="Fit the graph (F)" aria-label="Fit the graph">
              <svg viewBox="0 0 32 30" aria-hidden="true">
                <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
              </svg>
            </ControlButton>
          </Controls>
        </ReactFlow>
      </NodeDetailProvider>
      {hoverReason && (
        <div className="wire-reason" role="status">
          Cannot connect: {hoverReason}
        </div>
      )}
    </div>
  );
}
