/**
 * AvSource: an FFmpeg input published to an element's outlets in real time. Used by the
 * test pattern and the camera (decoded: lavfi/v4l2 give raw pictures) and by the player
 * (encoded pass-through for codecs a connection can carry as they are — VP8, VP9, H.264,
 * Opus, AAC — decoded for the rest).
 */
import { BitStreamFilterAPI, type Packet } from 'node-av';
import { AV_CODEC_ID_H264 } from 'node-av/constants';
import { colorSpacePayload, colorsOf } from '../webrtc/color-space-payload.ts';
import { DemuxReader, type InputStream, type OpenOptions, type ReadPacket } from './demux-reader.ts';
import type { MediaOutlet } from './media-outlet.ts';
import type { AvMediaType, EncodedUnit } from './media-unit.ts';
import { SourceLoop } from './source-loop.ts';
import { StreamDecoder } from './stream-decoder.ts';
import { prioritizeEventLoop } from './thread-priority.ts';

export interface AvSourceOptions extends OpenOptions {
  url: string;
  /** 'decode' always publishes raw frames; 'passthrough' publishes carried codecs encoded. */
  mode: 'decode' | 'passthrough';
  /** Real-time pacing by timestamps (off for live devices, which pace themselves). */
  paced: boolean;
  outlet: (mediaType: AvMediaType) => MediaOutlet | undefined;
  onEnd: () => void;
  onError: (message: string) => void;
}

/** How one stream is turned into units. */
interface StreamRoute {
  input: InputStream;
  decoder?: StreamDecoder;
  annexB?: BitStreamFilterAPI;
  /** The container's colour description as a color-space payload, put on every encoded video unit. */
  colorSpace?: Buffer;
}

export class AvSource {
  private readonly loop: SourceLoop;
  private closed = false;
  /** Added to the input's timestamps so published time never runs backwards (seeks, replays). */
  private offsetUs = 0;
  private lastPublishedUs = -1;
  private rebase = false;

  private constructor(
    private readonly reader: DemuxReader,
    private readonly routes: Map<number, StreamRoute>,
    private readonly options: AvSourceOptions,
  ) {
    this.loop = new SourceLoop(reader, { onPacket: (p) => this.handle(p), onEnd: options.onEnd, onError: options.onError }, options.paced);
  }

  /** Opens the input and prepares its streams; rejects with FFmpeg's reason. */
  static async open(options: AvSourceOptions): Promise<AvSource> {
    const reader = await DemuxReader.open(options.url, options);
    // The pool threads exist once the first async call has run.
    prioritizeEventLoop();
    const routes = new Map<number, StreamRoute>();
    try {
      for (const input of reader.streams) {
        const route: StreamRoute = { input };
        if (options.mode === 'decode' || !input.codec) {
          route.decoder = await StreamDecoder.create(input, reader.originUs);
        } else if (input.stream.codecpar.codecId === AV_CODEC_ID_H264 && isAvcC(input.stream.codecpar.extradata)) {
          // MP4/MKV carry H.264 length-prefixed; connections carry Annex B (what RTP and decoders take).
          route.annexB = BitStreamFilterAPI.create('h264_mp4toannexb', input.stream);
        }
        if (!route.decoder && input.mediaType === 'VIDEO') route.colorSpace = colorSpacePayload(colorsOf(input.stream.codecpar));
        routes.set(input.index, route);
      }
    } catch (error) {
      for (const route of routes.values()) route.decoder?.close();
      await reader.close();
      throw error;
    }
    return new AvSource(reader, routes, options);
  }

  get streams(): InputStream[] {
    return this.reader.streams;
  }

  get durationUs(): number {
    return this.reader.durationUs;
  }

  get seekable(): boolean {
    return this.reader.seekable;
  }

  get positionUs(): number {
    return this.loop.positionUs;
  }

  get isPlaying(): boolean {
    return this.loop.isRunning;
  }

  play(): void {
    this.loop.start();
  }

  pause(): void {
    this.loop.pause();
  }

  seek(positionUs: number): void {
    this.rebase = true;
    this.loop.seek(positionUs);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.loop.stop();
    for (const route of this.routes.values()) {
      route.decoder?.close();
      route.annexB?.close();
    }
    await this.reader.close();
  }

  private async handle(read: ReadPacket): Promise<void> {
    const route = this.routes.get(read.stream.index);
    const outlet = this.options.outlet(read.stream.mediaType);
    if (!route || !outlet) return;
    if (this.rebase) {
      // After a seek the input's clock jumps: continue the published timeline one frame on.
      this.rebase = false;
      this.offsetUs = this.lastPublishedUs + 33_000 - read.timestampUs;
    }
    if (route.decoder) {
      const units = await route.decoder.decode(read.packet, read.timestampUs);
      for (const unit of units) {
        unit.timestampUs = this.timeline(unit.timestampUs);
        if (!this.closed) outlet.publish(unit);
        unit.frame.free();
      }
      return;
    }
    const packets = route.annexB ? await route.annexB.filterAll(read.packet) : [read.packet];
    for (const packet of packets) {
      const unit = this.encodedUnit(route, packet, read);
      if (packet !== read.packet) packet.free();
      if (unit && !this.closed) outlet.publish(unit);
    }
  }

  private timeline(inputUs: number): number {
    const at = inputUs + this.offsetUs;
    this.lastPublishedUs = Math.max(this.lastPublishedUs, at);
    return at;
  }

  private encodedUnit({ input, colorSpace }: StreamRoute, packet: Packet, read: ReadPacket): EncodedUnit | undefined {
    const data = packet.data;
    if (!data || !input.codec) return undefined;
    const par = input.stream.codecpar;
    const extradata = par.extradata;
    return {
      kind: 'encoded',
      mediaType: input.mediaType,
      codec: input.codec,
      data: Buffer.from(data),
      timestampUs: this.timeline(read.timestampUs),
      durationUs: read.durationUs,
      keyframe: input.mediaType === 'AUDIO' || packet.isKeyframe,
      ...(input.mediaType === 'VIDEO' ? { width: par.width, height: par.height } : { sampleRate: par.sampleRate, channels: par.channels }),
      ...(extradata && input.codec === 'AAC' ? { extradata: Buffer.from(extradata) } : {}),
      // VP8 has no range in its bitstream (FFmpeg decodes it as limited) and H.264 may state none:
      // the container's Colour element / colr box says how to read it, so receivers must hear it.
      ...(colorSpace ? { colorSpace } : {}),
    };
  }
}

/** avcC (ISO BMFF) extradata starts with version 1; Annex B starts with a start code. */
function isAvcC(extradata: Buffer | null): boolean {
  return extradata !== null && extradata.length > 0 && extradata[0] === 1;
}
