/**
 * Audio encoding through node-av's high-level Encoder, which resamples to what the codec
 * takes and cuts frames to its frame size (960 for Opus, 1024 for AAC).
 */
import { Encoder, Rational, type Frame } from 'node-av';
import type { FFEncoderCodec } from 'node-av/constants';
import { ENCODER_NAMES } from './codec-ids.ts';
import type { Codec, EncodedUnit } from './media-unit.ts';
import type { EncoderBackend, EncoderSettings } from './unit-encoder.ts';

export class AudioEncoder implements EncoderBackend {
  private encoder: Promise<Encoder> | undefined;
  private closed = false;
  /**
   * Timestamp of the first frame, µs. node-av's frame-size buffer (e.g. Opus 960 → AAC 1024)
   * restamps its frames from 0, so frames go in relative to it and packets come out shifted back.
   */
  private firstUs: number | undefined;

  constructor(
    private readonly codec: Codec,
    private readonly settings: EncoderSettings,
  ) {}

  setBitrate(): void {
    // Audio keeps its bitrate: bandwidth limits in Kurento apply to video.
  }

  async encode(frame: Frame, timestampUs: number): Promise<EncodedUnit[]> {
    try {
      this.encoder ??= Encoder.create(ENCODER_NAMES[this.codec] as FFEncoderCodec, { bitrate: this.settings.bitrate, autoResample: true });
      const encoder = await this.encoder;
      if (this.closed) return [];
      const rate = frame.sampleRate;
      frame.timeBase = new Rational(1, rate);
      this.firstUs ??= timestampUs;
      frame.pts = BigInt(Math.round(((timestampUs - this.firstUs) * rate) / 1_000_000));
      const packets = await encoder.encodeAll(frame);
      const units: EncodedUnit[] = [];
      const extradata = encoder.getCodecContext()?.extraData ?? undefined;
      for (const packet of packets) {
        const tb = packet.timeBase;
        const data = packet.data;
        if (data) {
          units.push({
            kind: 'encoded',
            mediaType: 'AUDIO',
            codec: this.codec,
            data: Buffer.from(data),
            timestampUs: this.firstUs + Math.round((Number(packet.pts) * tb.num * 1_000_000) / tb.den),
            durationUs: Math.round((Number(packet.duration) * tb.num * 1_000_000) / tb.den),
            keyframe: true,
            sampleRate: encoder.getCodecContext()?.sampleRate,
            channels: encoder.getCodecContext()?.channels,
            extradata: extradata ? Buffer.from(extradata) : undefined,
          });
        }
        packet.free();
      }
      return units;
    } finally {
      frame.free();
    }
  }

  close(): void {
    this.closed = true;
    void this.encoder?.then((e) => e.close()).catch(() => undefined);
  }
}
