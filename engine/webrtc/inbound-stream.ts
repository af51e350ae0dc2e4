/**
 * One received RTP stream: packets → whole frames (FrameAssembler) with their RTP time turned
 * into engine microseconds. Shared by the WebRTC and plain RTP transports.
 */
import type { RtpPacket } from 'werift';
import { FrameAssembler, type AssembledFrame } from './frame-assembler.ts';
import { RtpToMicros, nowMicros } from './rtp-clock.ts';
import type { RtpCodecInfo } from './rtp-codecs.ts';

export class InboundStream {
  private readonly assembler: FrameAssembler;
  private readonly clock: RtpToMicros;
  /** What the sender last said of its colours; applies to the frames that follow. */
  private colorSpace: Buffer | undefined;

  constructor(
    readonly codec: RtpCodecInfo,
    readonly ssrc: number,
    handlers: { onFrame(frame: AssembledFrame, timestampUs: number): void; onNeedKeyframe(): void },
  ) {
    this.clock = new RtpToMicros(codec.clockRate);
    this.assembler = new FrameAssembler(codec, {
      onFrame: (frame) => {
        if (this.colorSpace) frame.colorSpace = this.colorSpace;
        handlers.onFrame(frame, this.clock.convert(frame.rtpTimestamp, nowMicros()));
      },
      onNeedKeyframe: () => handlers.onNeedKeyframe(),
    });
  }

  push(packet: RtpPacket, colorSpace?: Buffer): void {
    if (colorSpace) this.colorSpace = colorSpace;
    this.assembler.push(packet);
  }

  get stats(): FrameAssembler['stats'] {
    return this.assembler.stats;
  }

  close(): void {
    this.assembler.close();
  }
}
