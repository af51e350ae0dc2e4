/**
 * The canvas's dot grid: an SVG pattern like React Flow's Background, but zoomed out it thins
 * out to a dot every second (fourth…) grid step. The Background keeps one dot per step: 16,000
 * circles rasterized again on every frame of a pan at half size, in software rendering. (A
 * CSS gradient costs more to paint, one image per tile; a composited layer that the pan only
 * moves costs more still: Chromium then re-layerizes the nodes above it on every frame.)
 */
import { useStore, type ReactFlowState } from '@xyflow/react';
import { memo, useId } from 'react';

const transformOf = (s: ReactFlowState) => s.transform;
const sameTransform = (a: ReactFlowState['transform'], b: ReactFlowState['transform']) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/** Dots no closer than this on screen. */
const MIN_STEP = 16;

/** The on-screen distance between dots at a zoom: the grid step, doubled until far enough apart. */
export function dotStep(gap: number, zoom: number): number {
  let step = gap * zoom;
  while (step < MIN_STEP) step *= 2;
  return step;
}

function DotGridView({ gap, size }: { gap: number; size: number }) {
  const [x, y, zoom] = useStore(transformOf, sameTransform);
  const id = useId();
  const step = dotStep(gap, zoom);
  const radius = Math.max(0.6, (size * zoom) / 2);
  // Each tile has its dot in the centre: shift by half a step so dots sit on flow multiples of the step.
  return (
    <svg className="dot-grid" data-testid="dot-grid" aria-hidden="true">
      <pattern id={id} patternUnits="userSpaceOnUse" x={(x - step / 2) % step} y={(y - step / 2) % step} width={step} height={step}>
        <circle cx={step / 2} cy={step / 2} r={radius} />
      </pattern>
      <rect width="100%" height="100%" fill={`url(#${id})`} />
    </svg>
  );
}

export const DotGrid = memo(DotGridView);
