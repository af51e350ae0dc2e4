/**
 * SourceLoop: reads an input and hands each packet on, paced to real time by the packets'
 * timestamps (a file or a lavfi graph would otherwise be read as fast as the disk allows).
 * Supports pause/resume/seek, reports the end of the input and read errors. Its only timer
 * is the pacing sleep, cleared by stop(), so a stopped loop leaves no handles behind.
 */
import type { DemuxReader, ReadPacket } from './demux-reader.ts';

export interface SourceLoopEvents {
  /** Handles one packet (publish or decode); awaited, so slow handling slows the reading. */
  onPacket: (packet: ReadPacket) => Promise<void> | void;
  onEnd: () => void;
  onError: (message: string) => void;
}

/** When the loop is this late it re-anchors its clock instead of bursting to catch up. */
const MAX_LATE_MS = 500;

export class SourceLoop {
  private running = false;
  private paused = false;
  private stopped = false;
  private anchorMs: number | undefined;
  private lastTimestampUs = 0;
  private sleepTimer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private seekTo: number | undefined;

  constructor(
    private readonly reader: DemuxReader,
    private readonly events: SourceLoopEvents,
    private readonly paced = true,
  ) {}

  /** Position of the last packet handed on, µs from the start of the input. */
  get positionUs(): number {
    return this.lastTimestampUs;
  }

  get isRunning(): boolean {
    return this.running && !this.paused;
  }

  start(): void {
    if (this.stopped) return;
    if (this.running) {
      this.resume();
      return;
    }
    this.running = true;
    this.loop = this.run();
  }

  pause(): void {
    if (!this.running) return;
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.anchorMs = undefined;
    this.wakeUp();
  }

  /** Seeks; applied before the next read. */
  seek(positionUs: number): void {
    this.seekTo = positionUs;
    this.lastTimestampUs = positionUs;
    this.anchorMs = undefined;
    this.wakeUp();
  }

  /** Stops for good and waits for the packet in hand to be finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp();
    await this.loop;
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopped) {
        if (this.paused) {
          await this.sleep();
          continue;
        }
        if (this.seekTo !== undefined) {
          const target = this.seekTo;
          this.seekTo = undefined;
          await this.reader.seek(target);
        }
        const read = await this.reader.read();
        if (this.stopped) break;
        if (!read) {
          this.running = false;
          this.events.onEnd();
          return;
        }
        await this.pace(read.timestampUs);
        if (this.stopped) break;
        if (this.seekTo !== undefined) continue;
        this.lastTimestampUs = read.timestampUs;
        await this.events.onPacket(read);
      }
    } catch (error) {
      if (!this.stopped) this.events.onError((error as Error).message);
    } finally {
      this.running = false;
      clearTimeout(this.sleepTimer);
    }
  }

  /** Waits until the packet is due on the wall clock. */
  private async pace(timestampUs: number): Promise<void> {
    if (!this.paced) return;
    const now = performance.now();
    const dueMs = this.anchorMs === undefined ? now : this.anchorMs + timestampUs / 1000;
    if (this.anchorMs === undefined || now - dueMs > MAX_LATE_MS) {
      this.anchorMs = now - timestampUs / 1000;
      return;
    }
    if (dueMs - now > 1) await this.sleep(dueMs - now);
  }

  private sleep(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      if (ms !== undefined) this.sleepTimer = setTimeout(() => this.wakeUp(), ms);
    });
  }

  private wakeUp(): void {
    clearTimeout(this.sleepTimer);
    this.sleepTimer = undefined;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
