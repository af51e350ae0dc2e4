/**
 * The canvas's dot grid as a CSS background. Zoomed out, it thins out to a dot every second
 * (fourth…) grid step: React Flow's Background keeps one dot per step, 16,000 circles painted
 * again on every frame of a pan at half size, which software rendering pays for each frame.
 * (A composited layer that the pan only moves costs more here: Chromium then re-layerizes the
 * nodes above it on every frame.)
 */
import { useStore, type ReactFlowState } from '@xyflow/react';
import { memo } from 'react';

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
  const step = dotStep(gap, zoom);
  const radius = Math.max(0.6, (size * zoom) / 2);
  // Each tile has its dot in the centre: shift by half a step so dots sit on flow multiples of the step.
  return (
    <div
      className="dot-grid"
      data-testid="dot-grid"
      style={{
        backgroundSize: `${step}px ${step}px`,
        backgroundImage: `radial-gradient(circle at center, var(--grid-dot) ${radius}px, transparent ${radius + 0.6}px)`,
        backgroundPosition: `${x - step / 2}px ${y - step / 2}px`,
      }}
    />
  );
}

export const DotGrid = memo(DotGridView);
