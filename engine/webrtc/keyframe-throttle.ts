/**
 * Keyframe requests (PLI/FIR) at most once per interval: a burst of requests (several
 * viewers joining, a decoder failing on every frame) becomes one request now and, if more
 * came in meanwhile, one more when the interval has passed.
 */
export const KEYFRAME_REQUEST_INTERVAL_MS = 300;

export class KeyframeThrottle {
  private lastSent = -Infinity;
  private trailing: NodeJS.Timeout | undefined;
  sent = 0;

  constructor(
    private readonly send: () => void,
    private readonly intervalMs = KEYFRAME_REQUEST_INTERVAL_MS,
  ) {}

  request(): void {
    const now = performance.now();
    const wait = this.lastSent + this.intervalMs - now;
    if (wait <= 0) {
      this.fire(now);
      return;
    }
    if (this.trailing) return;
    this.trailing = setTimeout(() => {
      this.trailing = undefined;
      this.fire(performance.now());
    }, wait);
    this.trailing.unref();
  }

  close(): void {
    clearTimeout(this.trailing);
    this.trailing = undefined;
  }

  private fire(now: number): void {
    this.lastSent = now;
    this.sent++;
    this.send();
  }
}
