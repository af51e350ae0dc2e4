import { describe, expect, it } from 'vitest';
import { CRASH_WINDOW_MS, MAX_CRASHES_IN_WINDOW, decideRestart } from './host-restart-policy.ts';

describe('engine host restart policy', () => {
  it('restarts at once after a first crash, then backs off', () => {
    expect(decideRestart([1000], 1000)).toEqual({ restart: true, delayMs: 0 });
    expect(decideRestart([1000, 2000], 2000)).toEqual({ restart: true, delayMs: 500 });
    expect(decideRestart([1000, 2000, 3000], 3000)).toEqual({ restart: true, delayMs: 1000 });
  });

  it('gives up on a crash loop and forgets old crashes', () => {
    const loop = Array.from({ length: MAX_CRASHES_IN_WINDOW + 1 }, (_, i) => i * 1000);
    expect(decideRestart(loop, MAX_CRASHES_IN_WINDOW * 1000).restart).toBe(false);
    expect(decideRestart(loop, CRASH_WINDOW_MS * 3)).toEqual({ restart: true, delayMs: 0 });
  });
});
