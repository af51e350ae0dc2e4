import { describe, expect, it } from 'vitest';
import { dotStep } from './dot-grid.tsx';

describe('dot grid', () => {
  it('puts a dot on every grid step while they are far enough apart, thinning out by halves when zoomed out', () => {
    expect(dotStep(20, 1)).toBe(20);
    expect(dotStep(20, 2)).toBe(40);
    expect(dotStep(20, 0.8)).toBe(16);
    expect(dotStep(20, 0.5)).toBe(20); // every second step
    expect(dotStep(20, 0.1)).toBe(16); // every eighth
    for (const zoom of [0.1, 0.25, 0.33, 0.5, 0.79, 1, 2.5]) expect(dotStep(20, zoom) / (20 * zoom)).toSatisfy((k: number) => Number.isInteger(Math.log2(k)));
  });
});
