/**
 * Composes the latest picture of every input on a fixed clock and publishes it to an outlet.
 * Each input's last frame is kept (a reference, not a copy), so an input that is late, joins
 * or leaves never blanks the output for more than the one frame where the layout changes.
 */
import type { Frame } from 'node-av';
import type { MediaOutlet } from '../../media/media-outlet.ts';
import type { Rect } from './grid-layout.ts';
import { VideoCanvas } from './video-canvas.ts';

export interface Scene {
  width: number;
  height: number;
  /** Drawn in order (later on top). */
  layers: { input: unknown; rect: Rect }[];
}

export interface CompositorOptions {
  framerate: number;
  outlet: MediaOutlet;
  /** The picture to draw from the inputs that have a frame; undefined draws nothing this tick. */
  scene: (inputs: ReadonlyMap<unknown, Frame>) => Scene | undefined;
  onError: (message: string) => void;
}

export class VideoCompositor {
  private readonly latest = new Map<unknown, Frame>();
  private readonly canvas = new VideoCanvas();
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private ticks = 0;
  /** When each input's newest frame arrived, until a published picture holds it. */
  private readonly arrivals = new Map<unknown, number>();
  /** Arrival → published picture, ms, for the newest frames (the bench's added-latency figure). */
  readonly latenciesMs: number[] = [];

  constructor(private readonly options: CompositorOptions) {}

  get inputs(): ReadonlyMap<unknown, Frame> {
    return this.latest;
  }

  /** Keeps a reference to the input's newest frame (the caller's frame stays the caller's). */
  push(input: unknown, frame: Frame): void {
    const kept = frame.clone();
    if (!kept) return;
    this.latest.get(input)?.free();
    this.latest.set(input, kept);
    this.arrivals.set(input, performance.now());
    this.start();
  }

  remove(input: unknown): void {
    this.latest.get(input)?.free();
    this.latest.delete(input);
    this.arrivals.delete(input);
    this.canvas.forget(input);
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const frame of this.latest.values()) frame.free();
    this.latest.clear();
    this.canvas.close();
  }

  private noteLatencies(scene: Scene): void {
    const now = performance.now();
    for (const { input } of scene.layers) {
      const arrived = this.arrivals.get(input);
      if (arrived === undefined) continue;
      this.arrivals.delete(input);
      this.latenciesMs.push(now - arrived);
    }
    if (this.latenciesMs.length > 4000) this.latenciesMs.splice(0, 2000);
  }

  private start(): void {
    if (this.timer) return;
    this.startedAt = performance.now();
    this.ticks = 0;
    const periodMs = 1000 / this.options.framerate;
    // A fine timer so a late wake-up rarely costs a whole frame.
    this.timer = setInterval(() => this.tick(periodMs), Math.max(4, periodMs / 4));
    this.timer.unref();
  }

  /** One frame per period of the fixed clock; late timers skip frames rather than burst. */
  private tick(periodMs: number): void {
    const due = Math.floor((performance.now() - this.startedAt) / periodMs);
    if (due < this.ticks) return;
    this.ticks = due + 1;
    const scene = this.options.scene(this.latest);
    if (!scene) return;
    const timestampUs = Math.round(due * periodMs * 1000);
    try {
      const frame = this.canvas.blank(scene.width, scene.height, timestampUs);
      for (const layer of scene.layers) {
        const source = this.latest.get(layer.input);
        if (source) this.canvas.draw(frame, source, layer.rect, layer.input);
      }
      this.options.outlet.publish({ kind: 'raw-video', mediaType: 'VIDEO', frame, width: frame.width, height: frame.height, timestampUs });
      this.noteLatencies(scene);
    } catch (error) {
      this.options.onError(`cannot compose a ${scene.width}x${scene.height} picture: ${(error as Error).message}`);
    }
  }
}
