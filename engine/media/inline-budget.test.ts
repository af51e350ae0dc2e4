// InlineBudget: a stage goes inline only after quick pool trips, and back to the pool when it
// keeps costing more than its budget (one slow run alone does not move it).
import { describe, expect, it } from 'vitest';
import { InlineBudget } from './inline-budget.ts';

const options = { maxMs: 0.1, probeMaxMs: 2, firstTryAfter: 2, retryAfter: 5, overBudgetRuns: 3 };

/** Records each cost in turn; returns where each following run went. */
function placements(budget: InlineBudget, costs: number[]): string {
  return costs.map((ms) => (budget.record(ms), budget.runsInline ? 'i' : 'p')).join('');
}

describe('InlineBudget', () => {
  it('starts on the pool and goes inline after quick trips, not after slow ones', () => {
    const budget = new InlineBudget(options);
    expect(budget.runsInline).toBe(false);
    expect(placements(budget, [5, 3, 2.5, 0.4])).toBe('pppi');
  });

  it('stays inline through an occasional slow run, leaves after three in a row', () => {
    const budget = new InlineBudget(options);
    placements(budget, [0.5, 0.5]);
    expect(placements(budget, [0.02, 0.5, 0.03, 0.3, 0.4, 0.02])).toBe('iiiiii');
    expect(placements(budget, [0.3, 0.3, 0.3])).toBe('iip');
  });

  it('leaves at once after a run that blocked longer than a pool trip may take, and tries again later', () => {
    const budget = new InlineBudget(options);
    placements(budget, [0.5, 0.5]);
    expect(placements(budget, [0.02, 4])).toBe('ip');
    expect(placements(budget, [0.5, 0.5, 0.5, 0.5, 0.5])).toBe('ppppi');
  });
});
