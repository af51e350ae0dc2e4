/**
 * StreamDecoder: decodes one demuxed stream (a capture device, a lavfi graph, a file codec we
 * do not carry encoded) into raw units: video as yuv420p, audio as the decoder gives it.
 */
import { Decoder, type Packet } from 'node-av';
import { AV_NOPTS_VALUE, AV_PIX_FMT_YUV420P } from 'node-av/constants';
import type { InputStream } from './demux-reader.ts';
import type { RawUnit } from './media-unit.ts';
import { countDecoder } from './media-stats.ts';

export class StreamDecoder {
  private closed = false;

  private constructor(
    private readonly decoder: Decoder,
    private readonly input: InputStream,
    private readonly originUs: number,
    /** Unwrapping raw frames or PCM is not decoding; only real codecs are counted. */
    private readonly counted: boolean,
  ) {
    if (counted) countDecoder(1);
  }

  static async create(input: InputStream, originUs: number): Promise<StreamDecoder> {
    const decoder = await Decoder.create(
      input.stream,
      input.mediaType === 'VIDEO' ? { rescale: { pixelFormat: AV_PIX_FMT_YUV420P } } : {},
    );
    const name = decoder.getCodec().name ?? '';
    return new StreamDecoder(decoder, input, originUs, !name.startsWith('pcm_') && name !== 'rawvideo' && name !== 'wrapped_avframe');
  }

  /** Decodes a packet; the caller publishes the units and then frees their frames. */
  async decode(packet: Packet, fallbackUs: number): Promise<RawUnit[]> {
    if (this.closed) return [];
    // Unwrapping raw frames or PCM costs less than a trip to the thread pool and back.
    const frames = this.counted ? await this.decoder.decodeAll(packet) : this.decoder.decodeAllSync(packet);
    const streamTb = this.input.stream.timeBase;
    return frames.map((frame): RawUnit => {
      const pts = frame.pts;
      const tb = frame.timeBase.num > 0 ? frame.timeBase : streamTb;
      const timestampUs =
        pts !== AV_NOPTS_VALUE ? Math.max(0, Math.round((Number(pts) * tb.num * 1_000_000) / tb.den - this.originUs)) : fallbackUs;
      return this.input.mediaType === 'VIDEO'
        ? { kind: 'raw-video', mediaType: 'VIDEO', frame, width: frame.width, height: frame.height, timestampUs }
        : { kind: 'raw-audio', mediaType: 'AUDIO', frame, sampleRate: frame.sampleRate, channels: frame.channels, timestampUs };
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.counted) countDecoder(-1);
    this.decoder.close();
  }
}
