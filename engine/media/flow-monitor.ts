/**
 * Watches a stream of units and reports when media starts and when it stops (nothing for
 * IDLE_MS), which is when Kurento raises MediaFlowIn/OutStateChanged. One interval runs
 * only while media flows, unref'd so it never holds the process open.
 */
const IDLE_MS = 2000;
const CHECK_MS = 500;

export class FlowMonitor {
  private flowing = false;
  private lastAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onChange: (flowing: boolean) => void,
    private readonly idleMs = IDLE_MS,
  ) {}

  touch(): void {
    this.lastAt = Date.now();
    if (this.flowing) return;
    this.flowing = true;
    this.timer = setInterval(() => this.check(), Math.min(CHECK_MS, this.idleMs));
    this.timer.unref();
    this.onChange(true);
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.flowing = false;
  }

  private check(): void {
    if (Date.now() - this.lastAt < this.idleMs) return;
    this.close();
    this.onChange(false);
  }
}
