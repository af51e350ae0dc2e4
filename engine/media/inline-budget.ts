/**
 * InlineBudget: whether a per-frame stage runs on the event loop or on the libuv pool. A trip to
 * the pool and back (two thread wake-ups, two context switches) costs more than a stage that does
 * next to nothing (FFmpeg's null, setpts, a format it already has): such a stage runs inline.
 * Anything heavier stays on the pool, so the event loop is never blocked by real work:
 *  - a stage is tried inline only after pool trips that took less than `probeMaxMs` in all
 *    (queueing included, so its own cost is less), which bounds what a try can block;
 *  - inline, it goes back to the pool after a run over `probeMaxMs`, or `overBudgetRuns` runs in
 *    a row over `maxMs`; it is tried again after `retryAfter` runs on the pool.
 */
export interface InlineBudgetOptions {
  /** What an inline run may cost, ms. */
  maxMs: number;
  /** The longest pool trip after which a stage is tried inline, ms. */
  probeMaxMs: number;
  /** Runs on the pool before the first try (the first run usually sets the stage up). */
  firstTryAfter: number;
  /** Runs on the pool before another try, after a stage went back there. */
  retryAfter: number;
  /** Inline runs in a row over maxMs that send the stage back (one preempted run is not the stage's cost). */
  overBudgetRuns: number;
}

export const DEFAULT_INLINE_BUDGET: InlineBudgetOptions = { maxMs: 0.1, probeMaxMs: 2, firstTryAfter: 2, retryAfter: 300, overBudgetRuns: 3 };

export class InlineBudget {
  private inline = false;
  private poolRunsLeft: number;
  private overBudget = 0;

  constructor(private readonly options: InlineBudgetOptions = DEFAULT_INLINE_BUDGET) {
    this.poolRunsLeft = options.firstTryAfter;
  }

  /** Whether the next run goes inline. */
  get runsInline(): boolean {
    return this.inline;
  }

  /** Records how long the run just made took (ms, wall time) where `runsInline` said. */
  record(ms: number): void {
    const { maxMs, probeMaxMs, retryAfter, overBudgetRuns } = this.options;
    if (this.inline) {
      this.overBudget = ms > maxMs ? this.overBudget + 1 : 0;
      if (ms > probeMaxMs || this.overBudget >= overBudgetRuns) {
        this.inline = false;
        this.poolRunsLeft = retryAfter;
      }
      return;
    }
    this.poolRunsLeft = Math.max(0, this.poolRunsLeft - 1);
    if (this.poolRunsLeft === 0 && ms < probeMaxMs) {
      this.inline = true;
      this.overBudget = 0;
    }
  }
}
