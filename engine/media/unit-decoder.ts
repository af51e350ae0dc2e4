/**
 * UnitDecoder: encoded units of one codec → raw units, one per outlet. Decoding runs on the
 * libuv pool (async sendPacket). Encoded frames cannot be skipped at will (later frames
 * reference them), so when the decoder falls behind it empties its queue, waits for the next
 * keyframe and asks upstream for one; the same happens at start and after a decode error.
 */
import { Codec, CodecContext, Frame, Packet, Rational } from 'node-av';
import { AV_CHANNEL_ORDER_NATIVE } from 'node-av/constants';
import { CODEC_IDS, defaultSampleRate } from './codec-ids.ts';
import type { Codec as CodecName, EncodedUnit, RawUnit } from './media-unit.ts';
import { countDecoder, countDrop } from './media-stats.ts';
import { prioritizeEventLoop } from './thread-priority.ts';
import { applyColors, parseColorSpace, type FrameColors } from '../webrtc/color-space-payload.ts';

export interface DecoderEvents {
  /** A decoded frame; valid during the call only (the decoder frees it afterwards). */
  onFrame: (unit: RawUnit) => void;
  onNeedKeyframe: () => void;
  onError: (message: string) => void;
}

const MAX_QUEUE_VIDEO = 4;
const MAX_QUEUE_AUDIO = 50;
const US = new Rational(1, 1_000_000);

export class UnitDecoder {
  private ctx: CodecContext | undefined;
  private readonly queue: EncodedUnit[] = [];
  private busy = false;
  private waitingForKeyframe: boolean;
  private closed = false;
  private lastError: string | undefined;
  private readonly isVideo: boolean;
  private readonly packet = new Packet();
  private readonly frame = new Frame();
  /** The last colour-space payload seen and what it says (a stream repeats the same one). */
  private colorPayload: Buffer | undefined;
  private colors: FrameColors | undefined;

  constructor(
    readonly codec: CodecName,
    private readonly events: DecoderEvents,
  ) {
    this.isVideo = codec === 'VP8' || codec === 'VP9' || codec === 'H264';
    this.waitingForKeyframe = this.isVideo;
    this.packet.alloc();
    this.frame.alloc();
    countDecoder(1);
    prioritizeEventLoop();
    if (this.isVideo) events.onNeedKeyframe();
  }

  push(unit: EncodedUnit): void {
    if (this.closed) return;
    if (this.waitingForKeyframe) {
      if (!unit.keyframe) return;
      this.waitingForKeyframe = false;
    }
    if (this.queue.length >= (this.isVideo ? MAX_QUEUE_VIDEO : MAX_QUEUE_AUDIO)) {
      countDrop(this.queue.length);
      this.queue.length = 0;
      if (this.isVideo && !unit.keyframe) {
        this.restartFromKeyframe();
        return;
      }
    }
    this.queue.push(unit);
    if (!this.busy) void this.run();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    countDecoder(-1);
    if (!this.busy) this.free();
  }

  private restartFromKeyframe(): void {
    this.waitingForKeyframe = true;
    this.events.onNeedKeyframe();
  }

  private async run(): Promise<void> {
    this.busy = true;
    for (let unit = this.queue.shift(); unit && !this.closed; unit = this.queue.shift()) {
      try {
        await this.decode(unit);
      } catch (error) {
        // A broken stream repeats its error on every unit: report each distinct one once.
        const message = `${this.codec} decoder: ${(error as Error).message}`;
        if (message !== this.lastError) this.events.onError(message);
        this.lastError = message;
        if (this.isVideo) {
          this.queue.length = 0;
          this.restartFromKeyframe();
        }
      }
    }
    this.busy = false;
    if (this.closed) this.free();
  }

  private open(unit: EncodedUnit): CodecContext {
    const codec = Codec.findDecoder(CODEC_IDS[this.codec]);
    if (!codec) throw new Error(`no ${this.codec} decoder in this FFmpeg build`);
    const ctx = new CodecContext();
    ctx.allocContext3(codec);
    ctx.threadCount = 1;
    ctx.pktTimebase = US;
    if (!this.isVideo) {
      ctx.sampleRate = unit.sampleRate ?? defaultSampleRate(this.codec);
      const channels = unit.channels ?? (this.codec === 'OPUS' ? 2 : 1);
      ctx.channelLayout = { order: AV_CHANNEL_ORDER_NATIVE, nbChannels: channels, mask: channels === 1 ? 4n : 3n };
    }
    if (unit.extradata) ctx.extraData = unit.extradata;
    const ret = ctx.open2Sync(null, null);
    if (ret < 0) {
      ctx.freeContext();
      throw new Error(`cannot open the ${this.codec} decoder (${ret})`);
    }
    return ctx;
  }

  private async decode(unit: EncodedUnit): Promise<void> {
    this.ctx ??= this.open(unit);
    const ctx = this.ctx;
    this.packet.data = unit.data;
    this.packet.pts = BigInt(Math.round(unit.timestampUs));
    this.packet.dts = this.packet.pts;
    this.packet.timeBase = US;
    this.packet.isKeyframe = unit.keyframe;
    const sent = await ctx.sendPacket(this.packet);
    this.packet.unref();
    if (this.closed) return;
    if (sent < 0) throw new Error(`cannot decode a ${unit.data.length}-byte ${this.codec} unit (${sent})`);
    const colors = unit.colorSpace ? this.colorsOf(unit.colorSpace) : undefined;
    while (ctx.receiveFrameSync(this.frame) >= 0) {
      const pts = this.frame.bestEffortTimestamp ?? this.frame.pts;
      const timestampUs = pts !== null && pts !== undefined && pts >= 0n ? Number(pts) : unit.timestampUs;
      this.frame.timeBase = US;
      try {
        if (this.isVideo) {
          // VP8 has no range (it decodes as limited) and other bitstreams may say nothing: what the
          // sender said in its color-space extension wins, as in libwebrtc.
          if (colors) applyColors(this.frame, colors);
          this.events.onFrame({ kind: 'raw-video', mediaType: 'VIDEO', frame: this.frame, width: this.frame.width, height: this.frame.height, timestampUs });
        } else {
          this.events.onFrame({ kind: 'raw-audio', mediaType: 'AUDIO', frame: this.frame, sampleRate: this.frame.sampleRate, channels: this.frame.channels, timestampUs });
        }
      } finally {
        this.frame.unref();
      }
    }
  }

  private colorsOf(payload: Buffer): FrameColors | undefined {
    if (!this.colorPayload?.equals(payload)) {
      this.colorPayload = payload;
      this.colors = parseColorSpace(payload);
    }
    return this.colors;
  }

  private free(): void {
    this.ctx?.freeContext();
    this.ctx = undefined;
    this.packet.free();
    this.frame.free();
  }
}
