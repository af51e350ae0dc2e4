/**
 * A media wire. Forward (the input to the right of the output): a curve. Backward or to the
 * element itself (Magic Mirror's overlay → browser, the loopback): routed around the nodes,
 * out of the output to the right, under both nodes, into the input from the left. A plain
 * curve would run behind the nodes and show only two stubs at their sides.
 */
import { BaseEdge, getBezierPath, useStore, type EdgeProps, type ReactFlowState } from '@xyflow/react';
import { memo, useCallback } from 'react';

const OUT = 26; // how far the route stands off the nodes' sides
const BELOW = 28; // and below them
const R = 12; // corner radius

function routedPath(sourceX: number, sourceY: number, targetX: number, targetY: number, bottom: number): string {
  const right = sourceX + OUT;
  const left = targetX - OUT;
  return [
    `M${sourceX},${sourceY}`,
    `H${right - R}`,
    `Q${right},${sourceY} ${right},${sourceY + R}`,
    `V${bottom - R}`,
    `Q${right},${bottom} ${right - R},${bottom}`,
    `H${left + R}`,
    `Q${left},${bottom} ${left},${bottom - R}`,
    `V${targetY + R}`,
    `Q${left},${targetY} ${left + R},${targetY}`,
    `H${targetX}`,
  ].join(' ');
}

function WireEdgeView(props: EdgeProps) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, style, markerEnd, label, labelStyle, interactionWidth } = props;
  // Only a wire that truly runs right to left is routed: a short forward wire curves fine.
  const backward = source === target || targetX < sourceX;
  // Lowest bottom of the two nodes (only needed, and only changing, for a routed wire).
  const bottomOf = useCallback(
    (s: ReactFlowState) => {
      if (!backward) return 0;
      const bottom = (nodeId: string) => {
        const node = s.nodeLookup.get(nodeId);
        return node ? node.internals.positionAbsolute.y + (node.measured.height ?? 0) : 0;
      };
      return Math.max(bottom(source), bottom(target));
    },
    [backward, source, target],
  );
  const nodesBottom = useStore(bottomOf);
  let path: string;
  let labelX: number;
  let labelY: number;
  if (backward) {
    const bottom = Math.max(nodesBottom, sourceY, targetY) + BELOW;
    path = routedPath(sourceX, sourceY, targetX, targetY, bottom);
    labelX = (sourceX + targetX) / 2;
    labelY = bottom;
  } else {
    [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  }
  return (
    <BaseEdge
      id={id}
      path={path}
      labelX={labelX}
      labelY={labelY}
      {...(style && { style })}
      {...(markerEnd && { markerEnd })}
      {...(label !== undefined && { label })}
      {...(labelStyle && { labelStyle })}
      {...(interactionWidth !== undefined && { interactionWidth })}
    />
  );
}

export const WireEdge = memo(WireEdgeView);
