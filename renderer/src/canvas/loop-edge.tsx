/**
 * A wire from an element to itself (the loopback: a WebRtcEndpoint sending back what it
 * receives), drawn as a loop under the node. A plain curve would run behind the node and
 * show only two stubs at its sides.
 */
import { BaseEdge, useInternalNode, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';

const OUT = 26; // how far the loop stands off the node's sides
const BELOW = 28; // and below it
const R = 12; // corner radius

function LoopEdgeView({ id, source, sourceX, sourceY, targetX, targetY, style, markerEnd, label, labelStyle, interactionWidth }: EdgeProps) {
  const node = useInternalNode(source);
  const bottom = (node?.internals.positionAbsolute.y ?? sourceY) + (node?.measured.height ?? 0) + BELOW;
  const right = sourceX + OUT;
  const left = targetX - OUT;
  const path = [
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
  return (
    <BaseEdge
      id={id}
      path={path}
      labelX={(left + right) / 2}
      labelY={bottom}
      {...(style && { style })}
      {...(markerEnd && { markerEnd })}
      {...(label !== undefined && { label })}
      {...(labelStyle && { labelStyle })}
      {...(interactionWidth !== undefined && { interactionWidth })}
    />
  );
}

export const LoopEdge = memo(LoopEdgeView);
