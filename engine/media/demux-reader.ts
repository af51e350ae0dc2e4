/**
 * DemuxReader: one FFmpeg input (a file, an http/rtsp URL, a lavfi graph, a capture device)
 * read packet by packet with async calls (libuv pool), timestamps turned into microseconds
 * from the start of the input so every stream shares one clock (A/V sync).
 */
import { Demuxer, Packet, type Stream } from 'node-av';
import { AV_NOPTS_VALUE, AVERROR_EOF, AVMEDIA_TYPE_AUDIO, AVMEDIA_TYPE_VIDEO, AVSEEK_FLAG_BACKWARD } from 'node-av/constants';
import { codecOfId } from './codec-ids.ts';
import type { AvMediaType, Codec } from './media-unit.ts';

export interface InputStream {
  index: number;
  mediaType: AvMediaType;
  /** Our codec name when the stream can travel encoded (VP8, H264, OPUS...). */
  codec: Codec | undefined;
  stream: Stream;
}

export interface ReadPacket {
  packet: Packet;
  stream: InputStream;
  timestampUs: number;
  durationUs: number;
}

export interface OpenOptions {
  /** Input format: lavfi, v4l2, avfoundation, dshow; empty to probe. */
  format?: string;
  options?: Record<string, string>;
}

export class DemuxReader {
  private readonly packet = new Packet();
  private closed = false;
  private reading: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly demuxer: Demuxer,
    readonly streams: InputStream[],
    /** Where the input's clock starts, µs; timestamps are reported relative to it. */
    readonly originUs: number,
  ) {
    this.packet.alloc();
  }

  /** Opens an input; rejects with FFmpeg's reason (the caller adds which element and URI). */
  static async open(url: string, options: OpenOptions = {}): Promise<DemuxReader> {
    const demuxer = await Demuxer.open(url, {
      ...(options.format ? { format: options.format } : {}),
      ...(options.options ? { options: options.options } : {}),
    });
    const streams: InputStream[] = [];
    for (const stream of demuxer.streams) {
      const type = stream.codecpar.codecType;
      if (type !== AVMEDIA_TYPE_VIDEO && type !== AVMEDIA_TYPE_AUDIO) continue;
      const mediaType: AvMediaType = type === AVMEDIA_TYPE_VIDEO ? 'VIDEO' : 'AUDIO';
      // One stream per media type, as Kurento's player does.
      if (streams.some((s) => s.mediaType === mediaType)) continue;
      streams.push({ index: stream.index, mediaType, codec: codecOfId(stream.codecpar.codecId), stream });
    }
    const fc = demuxer.getFormatContext();
    const start = fc.startTime;
    const originUs = start !== AV_NOPTS_VALUE && start > 0n ? Number(start) : 0;
    return new DemuxReader(demuxer, streams, originUs);
  }

  /** Duration in µs, or 0 when unknown (live inputs). */
  get durationUs(): number {
    const d = this.demuxer.getFormatContext().duration;
    return d !== AV_NOPTS_VALUE && d > 0n ? Number(d) : 0;
  }

  get seekable(): boolean {
    // Inputs with a known duration (files, VOD over http) seek; live streams do not.
    return this.durationUs > 0;
  }

  /** The next packet of a stream we carry, or null at the end. Throws on read errors. */
  async read(): Promise<ReadPacket | null> {
    for (;;) {
      if (this.closed) return null;
      this.packet.unref();
      const pending = this.demuxer.getFormatContext().readFrame(this.packet);
      this.reading = pending;
      const ret = await pending;
      if (this.closed) return null;
      if (ret < 0) {
        if (ret === AVERROR_EOF) return null;
        throw new Error(`read error (${ret})`);
      }
      const stream = this.streams.find((s) => s.index === this.packet.streamIndex);
      if (!stream) continue;
      const tb = stream.stream.timeBase;
      const pts = this.packet.pts !== AV_NOPTS_VALUE ? this.packet.pts : this.packet.dts;
      const raw = pts !== AV_NOPTS_VALUE ? (Number(pts) * tb.num * 1_000_000) / tb.den : 0;
      const durationUs = (Number(this.packet.duration) * tb.num * 1_000_000) / tb.den;
      return { packet: this.packet, stream, timestampUs: Math.max(0, Math.round(raw - this.originUs)), durationUs: Math.round(durationUs) };
    }
  }

  /** Seeks to a position (µs from the start), landing on the keyframe before it. */
  async seek(positionUs: number): Promise<void> {
    await this.reading.catch(() => undefined);
    const ret = await this.demuxer.seek((positionUs + this.originUs) / 1_000_000, -1, AVSEEK_FLAG_BACKWARD);
    if (ret < 0) throw new Error(`seek to ${Math.round(positionUs / 1000)} ms failed (${ret})`);
  }

  /** Closes the input once any read in flight has finished. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.reading.catch(() => undefined);
    this.packet.free();
    await this.demuxer.close();
  }
}
