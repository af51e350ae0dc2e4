/**
 * Audio mixing on a fixed 20 ms clock: each input's samples wait in a short queue (a little is
 * buffered first to ride out jitter); every tick takes 20 ms from each and hands the chunks to
 * `onTick`, which sums whatever each listener should hear. An input that runs dry is silent.
 */
import { MIX_RATE, monoSamples } from './audio-samples.ts';
import type { Frame } from 'node-av';

export const TICK_MS = 20;
export const TICK_SAMPLES = (MIX_RATE * TICK_MS) / 1000;
/** Buffered before an input is heard, and the most kept (older samples are dropped). */
const START_SAMPLES = TICK_SAMPLES * 2;
const MAX_SAMPLES = TICK_SAMPLES * 10;

interface InputQueue {
  chunks: Float32Array[];
  length: number;
  started: boolean;
}

export class AudioMixBus<K> {
  private readonly inputs = new Map<K, InputQueue>();
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private ticks = 0;

  constructor(private readonly onTick: (chunks: Map<K, Float32Array>, timestampUs: number) => void) {}

  /** Queues a frame's samples for an input (the frame stays the caller's). */
  push(key: K, frame: Frame): void {
    let queue = this.inputs.get(key);
    if (!queue) {
      queue = { chunks: [], length: 0, started: false };
      this.inputs.set(key, queue);
    }
    const samples = monoSamples(frame);
    queue.chunks.push(samples);
    queue.length += samples.length;
    while (queue.length > MAX_SAMPLES && queue.chunks.length > 1) queue.length -= queue.chunks.shift()!.length;
    this.start();
  }

  remove(key: K): void {
    this.inputs.delete(key);
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.inputs.clear();
  }

  private start(): void {
    if (this.timer) return;
    this.startedAt = performance.now();
    this.ticks = 0;
    this.timer = setInterval(() => this.catchUp(), TICK_MS / 2);
    this.timer.unref();
  }

  /** Emits every tick that is due by the wall clock, so timers firing late lose no audio. */
  private catchUp(): void {
    const due = Math.floor((performance.now() - this.startedAt) / TICK_MS);
    // After a long stall (a busy machine) skip ahead rather than flood the encoders.
    if (due - this.ticks > 10) this.ticks = due - 1;
    while (this.ticks < due) {
      const timestampUs = this.ticks * TICK_MS * 1000;
      this.ticks++;
      const chunks = new Map<K, Float32Array>();
      for (const [key, queue] of this.inputs) chunks.set(key, take(queue));
      this.onTick(chunks, timestampUs);
    }
  }
}

function take(queue: InputQueue): Float32Array {
  const out = new Float32Array(TICK_SAMPLES);
  if (!queue.started) {
    if (queue.length < START_SAMPLES) return out;
    queue.started = true;
  }
  let filled = 0;
  while (filled < TICK_SAMPLES && queue.chunks.length > 0) {
    const chunk = queue.chunks[0]!;
    const n = Math.min(chunk.length, TICK_SAMPLES - filled);
    out.set(chunk.subarray(0, n), filled);
    filled += n;
    queue.length -= n;
    if (n === chunk.length) queue.chunks.shift();
    else queue.chunks[0] = chunk.subarray(n);
  }
  // Ran dry: buffer again before being heard, instead of crackling on every tick.
  if (filled < TICK_SAMPLES) queue.started = false;
  return out;
}

/** The sum of the chunks whose key is included, clipped to [-1, 1] unless `clip` is false. */
export function mixOf(chunks: Map<unknown, Float32Array>, include: (key: unknown) => boolean, clip = true): Float32Array {
  const out = new Float32Array(TICK_SAMPLES);
  for (const [key, chunk] of chunks) {
    if (!include(key)) continue;
    for (let i = 0; i < TICK_SAMPLES; i++) out[i]! += chunk[i]!;
  }
  if (clip) for (let i = 0; i < TICK_SAMPLES; i++) out[i] = Math.max(-1, Math.min(1, out[i]!));
  return out;
}
