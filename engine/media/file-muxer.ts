/**
 * FileMuxer: writes encoded units into a container file (WebM, Matroska, MP4) without
 * re-encoding. Tracks are declared from the first unit of each stream; timestamps are
 * microseconds from the start of the recording. All I/O runs on the libuv pool and is
 * serialised; finish() writes the trailer (cues / moov) so the file is complete and seekable.
 */
import { FFmpegError, FormatContext, Packet, Rational, type Stream } from 'node-av';
import { AV_CHANNEL_ORDER_NATIVE, AVMEDIA_TYPE_AUDIO, AVMEDIA_TYPE_VIDEO } from 'node-av/constants';
import { applyColors, type FrameColors } from '../webrtc/color-space-payload.ts';
import { CODEC_IDS } from './codec-ids.ts';
import type { AvMediaType, Codec, EncodedUnit } from './media-unit.ts';

export interface MuxTrack {
  mediaType: AvMediaType;
  codec: Codec;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
  extradata?: Buffer;
  /**
   * How the video's YUV is to be read (range, matrix, primaries, transfer): written into the
   * container (Matroska Colour, MP4 colr), since VP8 has no place for a range in its bitstream.
   */
  colors?: FrameColors;
}

export interface TrackStats {
  frames: number;
  firstUs: number;
  lastUs: number;
}


export class FileMuxer {
  private readonly packet = new Packet();
  private readonly lastDts = new Map<number, bigint>();
  readonly stats = new Map<AvMediaType, TrackStats>();
  private finished = false;

  private constructor(
    private readonly ctx: FormatContext,
    private readonly streams: Map<AvMediaType, Stream>,
    readonly path: string,
  ) {
    this.packet.alloc();
  }

  static async open(path: string, format: string, tracks: MuxTrack[]): Promise<FileMuxer> {
    const ctx = new FormatContext();
    check(ctx.allocOutputContext2(null, format, path), `cannot set up a ${format} file`);
    const streams = new Map<AvMediaType, Stream>();
    for (const track of tracks) {
      const stream = ctx.newStream(null);
      const par = stream.codecpar;
      par.codecId = CODEC_IDS[track.codec];
      if (track.mediaType === 'VIDEO') {
        par.codecType = AVMEDIA_TYPE_VIDEO;
        par.width = track.width ?? 0;
        par.height = track.height ?? 0;
        if (track.colors) applyColors(par, track.colors);
        stream.timeBase = format === 'mp4' ? new Rational(1, 90000) : new Rational(1, 1000);
      } else {
        par.codecType = AVMEDIA_TYPE_AUDIO;
        const rate = track.sampleRate ?? 48000;
        const channels = track.channels ?? (track.codec === 'OPUS' ? 2 : 1);
        par.sampleRate = rate;
        par.channelLayout = { order: AV_CHANNEL_ORDER_NATIVE, nbChannels: channels, mask: channels === 1 ? 4n : 3n };
        if (track.codec === 'AAC') par.frameSize = 1024;
        stream.timeBase = new Rational(1, rate);
      }
      const extradata = track.extradata ?? (track.codec === 'OPUS' ? opusHead(track.channels ?? 2, track.sampleRate ?? 48000) : undefined);
      if (extradata) par.extradata = extradata;
      streams.set(track.mediaType, stream);
    }
    try {
      check(await ctx.openOutput(), 'cannot open the file for writing');
      check(await ctx.writeHeader(null), 'cannot write the file header');
    } catch (error) {
      await ctx.closeOutput().catch(() => undefined);
      ctx.freeContext();
      throw error;
    }
    return new FileMuxer(ctx, streams, path);
  }

  hasTrack(mediaType: AvMediaType): boolean {
    return this.streams.has(mediaType);
  }

  /** Writes one unit at `timestampUs` from the recording's start. Awaited by the caller's queue. */
  async write(unit: EncodedUnit, timestampUs: number): Promise<void> {
    const stream = this.streams.get(unit.mediaType);
    if (!stream || this.finished) return;
    const tb = stream.timeBase;
    let ts = BigInt(Math.round((Math.max(0, timestampUs) * tb.den) / (tb.num * 1_000_000)));
    // Containers need strictly rising timestamps per track.
    const last = this.lastDts.get(stream.index);
    if (last !== undefined && ts <= last) ts = last + 1n;
    this.lastDts.set(stream.index, ts);
    this.packet.unref();
    this.packet.data = unit.data;
    this.packet.pts = ts;
    this.packet.dts = ts;
    if (unit.durationUs) this.packet.duration = BigInt(Math.round((unit.durationUs * tb.den) / (tb.num * 1_000_000)));
    this.packet.streamIndex = stream.index;
    this.packet.timeBase = tb;
    this.packet.isKeyframe = unit.keyframe;
    check(await this.ctx.interleavedWriteFrame(this.packet), `cannot write to ${this.path}`);
    const stats = this.stats.get(unit.mediaType) ?? { frames: 0, firstUs: timestampUs, lastUs: timestampUs };
    stats.frames++;
    stats.lastUs = timestampUs;
    this.stats.set(unit.mediaType, stats);
  }

  /** Writes the trailer and closes the file. */
  async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    try {
      check(await this.ctx.interleavedWriteFrame(null), `cannot flush ${this.path}`);
      check(await this.ctx.writeTrailer(), `cannot finish ${this.path}`);
    } finally {
      await this.ctx.closeOutput();
      this.ctx.freeContext();
      this.packet.free();
    }
  }
}

function check(ret: number, what: string): void {
  if (ret < 0) throw new Error(`${what}: ${FFmpegError.strerror(ret)}`);
}

/** The OpusHead a Matroska/MP4 Opus track needs when the source (RTP) gave none. */
export function opusHead(channels: number, sampleRate: number): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'ascii');
  head.writeUInt8(1, 8);
  head.writeUInt8(channels, 9);
  head.writeUInt16LE(312, 10);
  head.writeUInt32LE(sampleRate, 12);
  head.writeInt16LE(0, 16);
  head.writeUInt8(0, 18);
  return head;
}

