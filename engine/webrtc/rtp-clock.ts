/**
 * RTP timestamps are 32-bit counters at the codec clock rate that start at random values
 * and wrap. Inside the engine media carries microseconds; these helpers convert both ways.
 */

const WRAP = 2 ** 32;

/** Turns a stream's RTP timestamps into microseconds on the engine's clock. */
export class RtpToMicros {
  private firstRtp: number | undefined;
  private lastExtended = 0;
  private baseUs = 0;

  constructor(private readonly clockRate: number) {}

  /** `nowUs`: when the first packet arrived, so streams that start together line up. */
  convert(rtpTimestamp: number, nowUs: number): number {
    if (this.firstRtp === undefined) {
      this.firstRtp = rtpTimestamp;
      this.lastExtended = 0;
      this.baseUs = nowUs;
      return nowUs;
    }
    // Extend to a continuous count: the smallest signed step from the last value.
    const lastRaw = (this.firstRtp + this.lastExtended) % WRAP;
    let step = (rtpTimestamp - lastRaw) % WRAP;
    if (step > WRAP / 2) step -= WRAP;
    if (step < -WRAP / 2) step += WRAP;
    const extended = this.lastExtended + step;
    if (extended > this.lastExtended) this.lastExtended = extended;
    return this.baseUs + Math.round((extended * 1e6) / this.clockRate);
  }
}

/** Microseconds to a 32-bit RTP timestamp at `clockRate`, offset by a random start. */
export class MicrosToRtp {
  private readonly offset = Math.floor(Math.random() * WRAP);

  constructor(private readonly clockRate: number) {}

  convert(timestampUs: number): number {
    const ticks = Math.round((timestampUs * this.clockRate) / 1e6);
    return (((ticks + this.offset) % WRAP) + WRAP) % WRAP;
  }
}

/** The engine clock in microseconds (monotonic). */
export function nowMicros(): number {
  return Math.round(performance.now() * 1000);
}

/** Signed distance a→b between two 16-bit sequence numbers. */
export function seqDelta(a: number, b: number): number {
  let d = (b - a) & 0xffff;
  if (d > 0x7fff) d -= 0x10000;
  return d;
}
