/**
 * Video encoding on a node-av CodecContext (options through setOption: passing a Dictionary
 * to open2 corrupts the heap, see MEDIA-NOTES). An open libvpx/x264 ignores bitrate changes,
 * so a new bitrate reopens the encoder, at most once per second (a reopen forces a keyframe).
 * The frames' colours (range, matrix...) ride on every unit as a color-space extension payload
 * (VP8 has no place for a range: a browser shown full-range pixels as limited sees them washed
 * out); a change of colours reopens the codec, at most once per second too.
 */
import type { Frame } from 'node-av';
import { Codec, CodecContext, Packet, Rational } from 'node-av';
import { AV_PICTURE_TYPE_I, AV_PICTURE_TYPE_NONE, AV_PIX_FMT_YUV420P, type FFEncoderCodec } from 'node-av/constants';
import { ENCODER_NAMES } from './codec-ids.ts';
import type { Codec as CodecName, EncodedUnit } from './media-unit.ts';
import type { EncoderBackend, EncoderSettings } from './unit-encoder.ts';
import { applyColors, colorSpacePayload, colorsOf, sameColors, type FrameColors } from '../webrtc/color-space-payload.ts';

const REOPEN_INTERVAL_MS = 1000;
const US = new Rational(1, 1_000_000);

/** Realtime private options per codec. */
function realtimeOptions(codec: CodecName): [string, string][] {
  switch (codec) {
    case 'H264':
      return [['preset', 'ultrafast'], ['tune', 'zerolatency'], ['profile', 'baseline'], ['forced-idr', '1']];
    case 'VP9':
      return [['deadline', 'realtime'], ['cpu-used', '8'], ['lag-in-frames', '0'], ['error-resilient', '1'], ['row-mt', '1']];
    default:
      // A negative cpu-used is a fixed speed, as libwebrtc sets it (-6 for VGA and up). A positive
      // one makes libvpx's VP8 pick its speed from how long its last frames took: fed in real
      // time it slowed to speed 4 (PSNR +0.7 dB at 500 kbps for ~30% more encoder CPU), and its
      // cost followed the machine's load instead of the stream.
      return [['deadline', 'realtime'], ['cpu-used', '-6'], ['lag-in-frames', '0'], ['error-resilient', '1']];
  }
}

export class VideoEncoder implements EncoderBackend {
  private ctx: CodecContext | undefined;
  private openBitrate = 0;
  private openedAt = 0;
  private width = 0;
  private height = 0;
  private lastTimestampUs = -1;
  private targetBitrate: number;
  private readonly packet = new Packet();
  /** The colours the codec was opened with, and the payload of the last frame's colours. */
  private openColors: FrameColors | undefined;
  private payloadColors: FrameColors | undefined;
  private payload: Buffer | undefined;
  /** How many times the codec was opened (first open and every reopen): bitrate changes are rate-limited. */
  opens = 0;

  constructor(
    private readonly codec: CodecName,
    private readonly settings: EncoderSettings,
  ) {
    this.targetBitrate = settings.bitrate;
    this.packet.alloc();
  }

  setBitrate(bitsPerSecond: number): void {
    this.targetBitrate = Math.max(10_000, Math.round(bitsPerSecond));
  }

  async encode(frame: Frame, timestampUs: number, forceKeyframe: boolean): Promise<EncodedUnit[]> {
    try {
      const colors = colorsOf(frame);
      const mayReopen = Date.now() - this.openedAt >= REOPEN_INTERVAL_MS;
      const reopen =
        !this.ctx ||
        frame.width !== this.width ||
        frame.height !== this.height ||
        (mayReopen && (this.targetBitrate !== this.openBitrate || !sameColors(colors, this.openColors as FrameColors)));
      if (reopen) await this.open(frame.width, frame.height, colors);
      const colorSpace = this.payloadFor(colors);
      const ctx = this.ctx as CodecContext;
      // Timestamps must rise strictly (x264 refuses repeats).
      const ts = Math.max(Math.round(timestampUs), this.lastTimestampUs + 1);
      this.lastTimestampUs = ts;
      frame.pts = BigInt(ts);
      frame.timeBase = US;
      frame.pictType = forceKeyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
      const ret = await ctx.sendFrame(frame);
      if (ret < 0) throw new Error(`sendFrame failed (${ret})`);
      const units: EncodedUnit[] = [];
      while (ctx.receivePacketSync(this.packet) >= 0) {
        // node-av hands out a copy of the packet's bytes: it stays valid after unref().
        const data = this.packet.data;
        if (data) {
          units.push({
            kind: 'encoded',
            mediaType: 'VIDEO',
            codec: this.codec,
            data,
            timestampUs: Number(this.packet.pts),
            keyframe: this.packet.isKeyframe,
            width: this.width,
            height: this.height,
            ...(colorSpace ? { colorSpace } : {}),
          });
        }
        this.packet.unref();
      }
      return units;
    } finally {
      frame.free();
    }
  }

  close(): void {
    this.ctx?.freeContext();
    this.ctx = undefined;
    this.packet.free();
  }

  /** One payload per colour description, made again only when the frames' colours change. */
  private payloadFor(colors: FrameColors): Buffer | undefined {
    if (!this.payloadColors || !sameColors(colors, this.payloadColors)) {
      this.payloadColors = colors;
      this.payload = colorSpacePayload(colors);
    }
    return this.payload;
  }

  private async open(width: number, height: number, colors: FrameColors): Promise<void> {
    this.ctx?.freeContext();
    this.ctx = undefined;
    const codec = Codec.findEncoderByName(ENCODER_NAMES[this.codec] as FFEncoderCodec);
    if (!codec) throw new Error(`no ${ENCODER_NAMES[this.codec]} encoder in this FFmpeg build`);
    const ctx = new CodecContext();
    ctx.allocContext3(codec);
    ctx.width = width;
    ctx.height = height;
    ctx.pixelFormat = AV_PIX_FMT_YUV420P;
    // Where the codec has a place for them (H.264 VUI, VP9), the colours go into the bitstream too.
    applyColors(ctx, colors);
    ctx.timeBase = US;
    ctx.framerate = new Rational(this.settings.framerate, 1);
    ctx.bitRate = BigInt(this.targetBitrate);
    ctx.rcMaxRate = BigInt(this.targetBitrate);
    ctx.rcBufferSize = this.targetBitrate;
    ctx.gopSize = this.settings.keyframeInterval;
    ctx.maxBFrames = 0;
    ctx.threadCount = 1;
    for (const [name, value] of realtimeOptions(this.codec)) ctx.setOption(name, value);
    const ret = await ctx.open2(null, null);
    if (ret < 0) {
      ctx.freeContext();
      throw new Error(`cannot open ${ENCODER_NAMES[this.codec]} at ${width}x${height} (${ret})`);
    }
    this.ctx = ctx;
    this.opens++;
    this.width = width;
    this.height = height;
    this.openBitrate = this.targetBitrate;
    this.openColors = colors;
    this.openedAt = Date.now();
  }
}
