/** A media wire: forward (the input to the right of the output), a curve; backward or to itself, routed under the nodes (wire-route.ts). */
import { BaseEdge, getBezierPath, useStore, type EdgeProps, type ReactFlowState } from '@xyflow/react';
import { memo, useCallback } from 'react';
import { isRouted, ROUTE_BELOW, routedPath } from './wire-route.ts';

function WireEdgeView(props: EdgeProps) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, style, markerEnd, label, labelStyle, interactionWidth } = props;
  const backward = isRouted(sourceX, targetX, source === target);
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
    const bottom = Math.max(nodesBottom, sourceY, targetY) + ROUTE_BELOW;
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
