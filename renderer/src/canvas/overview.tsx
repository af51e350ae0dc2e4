/**
 * The minimap: every node as a rectangle coloured by category, the view as a window over them;
 * drag to pan, wheel to zoom, click to centre. One SVG path per category instead of React
 * Flow's MiniMap (a component and a store subscription per node: 1000 components to mount
 * and 500 selectors run on every frame of a pan in a 500-node graph).
 */
import { Panel, useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { memo, useMemo, useRef, type PointerEvent, type WheelEvent } from 'react';
import type { ElementNode } from './element-node.tsx';

const WIDTH = 150;
const HEIGHT = 100;
const MARGIN = 5; // minimap pixels around the content

type Rect = { x: number; y: number; width: number; height: number };

const viewSelector = (s: ReactFlowState) => ({ transform: s.transform, width: s.width, height: s.height });
const sameView = (a: ReturnType<typeof viewSelector>, b: ReturnType<typeof viewSelector>) =>
  a.width === b.width && a.height === b.height && a.transform.every((v, i) => v === b.transform[i]);

/** Node rectangles as one path per category, and their bounds. */
function nodeShapes(nodes: ElementNode[]): { paths: Map<string, string>; selected: string; bounds: Rect | null } {
  const paths = new Map<string, string[]>();
  const selected: string[] = [];
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    const width = node.measured?.width ?? 0;
    const height = node.measured?.height ?? 0;
    const { x, y } = node.position;
    const rect = `M${x},${y}h${width}v${height}h${-width}z`;
    const category = node.data.spec?.category ?? 'unknown';
    paths.set(category, [...(paths.get(category) ?? []), rect]);
    if (node.selected) selected.push(rect);
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + width);
    bottom = Math.max(bottom, y + height);
  }
  const joined = new Map([...paths].map(([category, rects]) => [category, rects.join('')]));
  return { paths: joined, selected: selected.join(''), bounds: nodes.length ? { x: left, y: top, width: right - left, height: bottom - top } : null };
}

function union(a: Rect, b: Rect | null): Rect {
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

function OverviewView({ nodes, onUserMove }: { nodes: ElementNode[]; onUserMove(): void }) {
  const flow = useReactFlow();
  const { transform, width: paneWidth, height: paneHeight } = useStore(viewSelector, sameView);
  const shapes = useMemo(() => nodeShapes(nodes), [nodes]);
  const [tx, ty, zoom] = transform;
  const view = { x: -tx / zoom, y: -ty / zoom, width: paneWidth / zoom, height: paneHeight / zoom };
  const box = union(view, shapes.bounds);
  // Flow units per minimap pixel, and the viewBox centring the content.
  const scale = Math.max(box.width / WIDTH, box.height / HEIGHT);
  const margin = MARGIN * scale;
  const viewBox = { x: box.x - (scale * WIDTH - box.width) / 2 - margin, y: box.y - (scale * HEIGHT - box.height) / 2 - margin };
  const total = { width: scale * WIDTH + margin * 2, height: scale * HEIGHT + margin * 2 };
  const unitsPerPixel = total.width / WIDTH;

  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const toFlow = (event: PointerEvent | WheelEvent) => {
    const rect = (event.currentTarget as SVGSVGElement).getBoundingClientRect();
    return { x: viewBox.x + (event.clientX - rect.left) * unitsPerPixel, y: viewBox.y + (event.clientY - rect.top) * unitsPerPixel };
  };
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, moved: false };
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const start = drag.current;
    if (!start) return;
    const dx = (event.clientX - start.x) * unitsPerPixel;
    const dy = (event.clientY - start.y) * unitsPerPixel;
    drag.current = { x: event.clientX, y: event.clientY, moved: start.moved || dx !== 0 || dy !== 0 };
    onUserMove();
    void flow.setViewport({ x: tx - dx * zoom, y: ty - dy * zoom, zoom });
  };
  const onPointerUp = (event: PointerEvent<SVGSVGElement>) => {
    if (drag.current && !drag.current.moved) {
      onUserMove();
      const at = toFlow(event);
      void flow.setCenter(at.x, at.y, { zoom });
    }
    drag.current = null;
  };
  const onWheel = (event: WheelEvent<SVGSVGElement>) => {
    onUserMove();
    void flow.zoomTo(zoom * Math.pow(2, -event.deltaY * 0.002));
  };

  const outer = `M${viewBox.x - margin},${viewBox.y - margin}h${total.width + margin * 2}v${total.height + margin * 2}h${-total.width - margin * 2}z`;
  const inner = `M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`;
  return (
    <Panel position="bottom-right" className="react-flow__minimap overview" data-testid="overview">
      <svg
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${viewBox.x} ${viewBox.y} ${total.width} ${total.height}`}
        role="img"
        aria-label="Overview of the graph: drag to pan, scroll to zoom"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onWheel={onWheel}
      >
        {[...shapes.paths].map(([category, d]) => (
          <path key={category} className={`overview-nodes category-${category}`} d={d} />
        ))}
        {shapes.selected && <path className="overview-selected" d={shapes.selected} />}
        <path className="react-flow__minimap-mask" d={`${outer}${inner}`} fillRule="evenodd" pointerEvents="none" />
      </svg>
    </Panel>
  );
}

export const Overview = memo(OverviewView);
