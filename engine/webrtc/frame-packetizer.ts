/**
 * Packetizer: encoded frames in, RTP packets out, with werift's RFC 7741 / 6184 / 7587
 * packetizers. Timestamps arrive in microseconds and leave on the codec's RTP clock.
 */
import { H264Packetizer, OpusPacketizer, Vp8Packetizer, type Packetizer, type RtpPacket } from 'werift';
import { MicrosToRtp } from './rtp-clock.ts';
import type { RtpCodecInfo } from './rtp-codecs.ts';

/** Payload size that keeps an SRTP packet under a 1280-byte path MTU. */
export const DEFAULT_MAX_PAYLOAD = 1100;

export class FramePacketizer {
  private readonly packetizer: Packetizer;
  private readonly clock: MicrosToRtp;
  private lastRtp: number | undefined;

  constructor(
    readonly codec: RtpCodecInfo,
    options: { payloadType?: number; ssrc?: number; maxPayloadSize?: number } = {},
  ) {
    const base = {
      payloadType: options.payloadType ?? codec.payloadType,
      ssrc: options.ssrc ?? 0,
      maxPayloadSize: options.maxPayloadSize ?? DEFAULT_MAX_PAYLOAD,
    };
    this.packetizer =
      codec.name === 'VP8' ? new Vp8Packetizer(base) : codec.name === 'H264' ? new H264Packetizer({ ...base, inputFormat: 'auto' }) : new OpusPacketizer(base);
    this.clock = new MicrosToRtp(codec.clockRate);
  }

  packetize(data: Buffer, timestampUs: number): RtpPacket[] {
    let rtp = this.clock.convert(timestampUs);
    // Two frames must not share a timestamp (receivers would merge them).
    if (this.lastRtp !== undefined && rtp === this.lastRtp && this.codec.kind === 'video') rtp = (rtp + 1) >>> 0;
    this.lastRtp = rtp;
    return this.packetizer.packetize(data, rtp);
  }
}
