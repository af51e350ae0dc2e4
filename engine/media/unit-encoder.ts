/**
 * UnitEncoder: raw units → encoded units of one codec, for every sink that wants that codec.
 * Realtime settings (MEDIA-NOTES): VP8 cpu-used 8 / lag 0 / error-resilient, x264 ultrafast +
 * zerolatency + baseline. Work runs on the libuv pool (async calls); while an encode is in
 * flight, only the newest waiting frame is kept (older ones are dropped, never queued).
 */
import type { Frame } from 'node-av';
import { AudioEncoder } from './audio-encoder.ts';
import type { Codec, EncodedUnit, RawUnit } from './media-unit.ts';
import { countDrop, countEncoder } from './media-stats.ts';
import { prioritizeEventLoop } from './thread-priority.ts';
import { VideoEncoder } from './video-encoder.ts';

export interface EncoderSettings {
  /** Target bitrate, bits per second. */
  bitrate: number;
  /** Frames between forced keyframes (video). */
  keyframeInterval: number;
  /** Nominal frame rate for rate control (video). */
  framerate: number;
}

export const DEFAULT_ENCODER_SETTINGS: EncoderSettings = { bitrate: 1_000_000, keyframeInterval: 60, framerate: 30 };
const DEFAULT_AUDIO_BITRATE = 64_000;

export interface EncoderEvents {
  onUnit: (unit: EncodedUnit) => void;
  onError: (message: string) => void;
}

/** Common shape of the video and audio codec back-ends. */
export interface EncoderBackend {
  /** Encodes one frame (the backend owns `frame` from here and frees it). */
  encode(frame: Frame, timestampUs: number, forceKeyframe: boolean): Promise<EncodedUnit[]>;
  setBitrate(bitsPerSecond: number): void;
  close(): void;
}

interface Waiting {
  frame: Frame;
  timestampUs: number;
}

/** Audio frames are small and each one is heard: keep up to this many waiting. */
const MAX_WAITING_AUDIO = 50;

export class UnitEncoder {
  private readonly backend: EncoderBackend;
  private readonly isVideo: boolean;
  private busy = false;
  private readonly waiting: Waiting[] = [];
  private keyframeWanted = true;
  private closed = false;
  private lastError: string | undefined;

  constructor(
    readonly codec: Codec,
    settings: Partial<EncoderSettings>,
    private readonly events: EncoderEvents,
  ) {
    this.isVideo = codec === 'VP8' || codec === 'VP9' || codec === 'H264';
    const full: EncoderSettings = {
      ...DEFAULT_ENCODER_SETTINGS,
      ...(this.isVideo ? {} : { bitrate: DEFAULT_AUDIO_BITRATE }),
      ...settings,
    };
    this.backend = this.isVideo ? new VideoEncoder(codec, full) : new AudioEncoder(codec, full);
    countEncoder(1);
    prioritizeEventLoop();
  }

  /** Takes a reference to the unit's frame; encodes it now or when the encoder is free. */
  push(unit: RawUnit): void {
    if (this.closed) return;
    const frame = unit.frame.clone();
    if (!frame) return;
    const limit = this.isVideo ? 0 : MAX_WAITING_AUDIO - 1;
    while (this.waiting.length > limit) {
      this.waiting.shift()?.frame.free();
      countDrop();
    }
    this.waiting.push({ frame, timestampUs: unit.timestampUs });
    if (!this.busy) void this.run();
  }

  forceKeyframe(): void {
    this.keyframeWanted = true;
  }

  setBitrate(bitsPerSecond: number): void {
    this.backend.setBitrate(bitsPerSecond);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const item of this.waiting.splice(0)) item.frame.free();
    if (!this.busy) this.backend.close();
    countEncoder(-1);
  }

  private async run(): Promise<void> {
    this.busy = true;
    for (let next = this.waiting.shift(); next && !this.closed; next = this.waiting.shift()) {
      const force = this.keyframeWanted;
      this.keyframeWanted = false;
      try {
        const units = await this.backend.encode(next.frame, next.timestampUs, force);
        if (!this.closed) for (const unit of units) this.events.onUnit(unit);
      } catch (error) {
        // A broken input repeats its error on every frame: report each distinct one once.
        const message = `${this.codec} encoder: ${(error as Error).message}`;
        if (message !== this.lastError) this.events.onError(message);
        this.lastError = message;
      }
    }
    this.busy = false;
    if (this.closed) this.backend.close();
  }
}
