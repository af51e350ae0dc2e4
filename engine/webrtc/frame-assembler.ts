/**
 * Depacketizer: RTP packets in, whole encoded frames out, in order.
 *
 * werift's DepacketizeBase is not used: for VP8 it needs isFinalPacketInSequence or every
 * packet becomes a frame, and its waitForKeyframe glues everything since joining into the
 * first "keyframe" (MEDIA-NOTES). Here a video frame is the packets sharing one RTP
 * timestamp, from a known first packet to the marker bit, with no sequence gap. A frame that
 * cannot complete is dropped, and after a drop (or at the start) delta frames are discarded
 * until a keyframe arrives; `onNeedKeyframe` asks the sender for one (the caller throttles).
 */
import { dePacketizeRtpPackets, Vp8RtpPayload, type RtpPacket } from 'werift';
import { h264Size, vp8KeyframeSize } from '../media/bitstream.ts';
import { seqDelta } from './rtp-clock.ts';
import type { RtpCodecInfo } from './rtp-codecs.ts';

export interface AssembledFrame {
  data: Buffer;
  keyframe: boolean;
  rtpTimestamp: number;
  /** From a keyframe's VP8 header or H.264 SPS. */
  width?: number;
  height?: number;
  /** The sender's color-space header extension, as last received (see color-space-extension.ts). */
  colorSpace?: Buffer;
}

export interface AssemblerHandlers {
  onFrame(frame: AssembledFrame): void;
  onNeedKeyframe(reason: string): void;
}

interface PendingFrame {
  timestamp: number;
  packets: Map<number, RtpPacket>;
  markerSeq?: number;
  arrivedAt: number;
}

/** How long an incomplete frame may wait for a retransmission before it is given up. */
const INCOMPLETE_GRACE_MS = 100;
const MAX_PENDING_FRAMES = 12;
/** Sequence numbers remembered to tell where a frame starts. */
const SEQ_MEMORY = 1024;

export class FrameAssembler {
  private readonly pending = new Map<number, PendingFrame>();
  /** seq → RTP timestamp of recently seen packets. */
  private readonly seenSeq = new Map<number, number>();
  private lastTimestamp: number | undefined;
  private lastMarkerSeq: number | undefined;
  private lastAudioSeq: number | undefined;
  private waitingForKeyframe = true;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Counters for stats and tests. */
  readonly stats = { framesOut: 0, framesDropped: 0, packetsIn: 0 };

  constructor(
    private readonly codec: RtpCodecInfo,
    private readonly handlers: AssemblerHandlers,
  ) {}

  push(packet: RtpPacket): void {
    if (this.closed) return;
    this.stats.packetsIn++;
    if (this.codec.kind === 'audio') return this.pushAudio(packet);
    const { sequenceNumber: seq, timestamp } = packet.header;
    if (this.lastTimestamp !== undefined && !isNewer(timestamp, this.lastTimestamp)) return; // late or duplicate
    this.remember(seq, timestamp);
    let frame = this.pending.get(timestamp);
    if (!frame) {
      frame = { timestamp, packets: new Map(), arrivedAt: performance.now() };
      this.pending.set(timestamp, frame);
    }
    frame.packets.set(seq, packet);
    if (packet.header.marker) frame.markerSeq = seq;
    this.drain();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.pending.clear();
    this.seenSeq.clear();
  }

  private pushAudio(packet: RtpPacket): void {
    const seq = packet.header.sequenceNumber;
    if (this.lastAudioSeq !== undefined && seqDelta(this.lastAudioSeq, seq) <= 0) return;
    this.lastAudioSeq = seq;
    if (packet.payload.length === 0) return;
    this.stats.framesOut++;
    this.handlers.onFrame({ data: packet.payload, keyframe: true, rtpTimestamp: packet.header.timestamp });
  }

  private remember(seq: number, timestamp: number): void {
    this.seenSeq.set(seq, timestamp);
    if (this.seenSeq.size > SEQ_MEMORY) {
      const oldest = this.seenSeq.keys().next().value;
      if (oldest !== undefined) this.seenSeq.delete(oldest);
    }
  }

  private drain(): void {
    for (;;) {
      const ordered = [...this.pending.values()].sort((a, b) => (isNewer(a.timestamp, b.timestamp) ? 1 : -1));
      const oldest = ordered[0];
      if (!oldest) break;
      if (this.isComplete(oldest)) {
        this.pending.delete(oldest.timestamp);
        this.emit(oldest);
        continue;
      }
      const newerComplete = ordered.slice(1).some((f) => this.isComplete(f));
      const expired = performance.now() - oldest.arrivedAt > INCOMPLETE_GRACE_MS;
      if ((newerComplete && expired) || ordered.length > MAX_PENDING_FRAMES) {
        this.pending.delete(oldest.timestamp);
        this.lastTimestamp = oldest.timestamp;
        this.stats.framesDropped++;
        this.waitingForKeyframe = true;
        this.handlers.onNeedKeyframe('incomplete frame dropped');
        continue;
      }
      if (newerComplete) this.armTimer();
      break;
    }
  }

  private armTimer(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) this.drain();
    }, INCOMPLETE_GRACE_MS + 5);
    this.timer.unref();
  }

  private isComplete(frame: PendingFrame): boolean {
    if (frame.markerSeq === undefined) return false;
    const seqs = [...frame.packets.keys()];
    const first = seqs.reduce((lo, s) => (seqDelta(lo, s) < 0 ? s : lo), seqs[0]!);
    if (seqDelta(first, frame.markerSeq) + 1 !== frame.packets.size) return false;
    return this.startsFrame(first, frame);
  }

  /** Whether `seq` is the first packet of its frame. */
  private startsFrame(seq: number, frame: PendingFrame): boolean {
    const previous = (seq - 1) & 0xffff;
    if (this.lastMarkerSeq === previous) return true;
    const previousTs = this.seenSeq.get(previous);
    if (previousTs !== undefined) return previousTs !== frame.timestamp;
    const packet = frame.packets.get(seq)!;
    if (this.codec.name === 'VP8') {
      const vp8 = Vp8RtpPayload.deSerialize(packet.payload);
      return vp8.sBit === 1 && vp8.pid === 0;
    }
    // H.264: anything but the middle or end of a fragmented NAL can open a frame.
    const nalType = (packet.payload[0] ?? 0) & 0x1f;
    if (nalType === 28 || nalType === 29) return ((packet.payload[1] ?? 0) & 0x80) !== 0;
    return nalType > 0;
  }

  private emit(frame: PendingFrame): void {
    const packets = [...frame.packets.values()].sort((a, b) => seqDelta(b.header.sequenceNumber, a.header.sequenceNumber));
    this.lastTimestamp = frame.timestamp;
    this.lastMarkerSeq = frame.markerSeq;
    let assembled: { data: Buffer; isKeyframe: boolean };
    try {
      assembled = dePacketizeRtpPackets(this.codec.name === 'H264' ? 'MPEG4/ISO/AVC' : this.codec.name, packets);
    } catch {
      this.stats.framesDropped++;
      this.waitingForKeyframe = true;
      this.handlers.onNeedKeyframe('unparsable frame');
      return;
    }
    if (assembled.data.length === 0) return;
    if (this.waitingForKeyframe) {
      if (!assembled.isKeyframe) {
        this.stats.framesDropped++;
        this.handlers.onNeedKeyframe('waiting for a keyframe');
        return;
      }
      this.waitingForKeyframe = false;
    }
    this.stats.framesOut++;
    const size = !assembled.isKeyframe ? undefined : this.codec.name === 'VP8' ? vp8KeyframeSize(assembled.data) : this.codec.name === 'H264' ? h264Size(assembled.data) : undefined;
    this.handlers.onFrame({ data: assembled.data, keyframe: assembled.isKeyframe, rtpTimestamp: frame.timestamp, ...size });
  }
}

/** Whether 32-bit RTP timestamp a is after b (with wrap-around). */
export function isNewer(a: number, b: number): boolean {
  const d = (a - b) >>> 0;
  return d !== 0 && d < 0x80000000;
}
