/**
 * The codecs Fluo speaks over RTP (WebRTC and plain RTP): VP8 and H.264 video, Opus audio.
 * One table maps our codec names to RTP payload names, clock rates and werift's codec
 * parameters, so SDP, depacketizing and packetizing agree on them.
 */
import { RTCRtpCodecParameters, type RTCPFB } from 'werift';

export type RtpCodecName = 'VP8' | 'H264' | 'OPUS';
export type RtpMediaKind = 'audio' | 'video';

export interface RtpCodecInfo {
  name: RtpCodecName;
  kind: RtpMediaKind;
  /** The encoding name as SDP writes it (a=rtpmap). */
  encodingName: string;
  clockRate: number;
  channels?: number;
  /** Payload type we offer; an answer follows the offerer's numbers. */
  payloadType: number;
  /** a=fmtp parameters (without bitrate hints). */
  fmtp?: string;
}

export const RTP_CODECS: readonly RtpCodecInfo[] = [
  { name: 'VP8', kind: 'video', encodingName: 'VP8', clockRate: 90000, payloadType: 96 },
  {
    name: 'H264',
    kind: 'video',
    encodingName: 'H264',
    clockRate: 90000,
    payloadType: 102,
    // Constrained baseline, what every browser decodes and libx264 'baseline' produces.
    fmtp: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
  },
  { name: 'OPUS', kind: 'audio', encodingName: 'opus', clockRate: 48000, channels: 2, payloadType: 111, fmtp: 'minptime=10;useinbandfec=1' },
];

/** Finds our codec for an SDP/werift mime type such as 'video/VP8' or an encoding name such as 'opus'. */
export function codecByMime(mime: string): RtpCodecInfo | undefined {
  const name = (mime.includes('/') ? mime.split('/')[1] : mime)?.toUpperCase();
  return RTP_CODECS.find((c) => c.encodingName.toUpperCase() === name);
}

export function codecByName(name: string): RtpCodecInfo | undefined {
  return RTP_CODECS.find((c) => c.name === name);
}

/** Send-bitrate hints for a peer that sends us video (kbps); 0 leaves a bound out. */
export interface BitrateHints {
  startKbps: number;
  minKbps: number;
  maxKbps: number;
}

/**
 * Chrome's own bandwidth estimate toward werift stays near 450 kbps and it scales video
 * down; x-google-* hints in the video fmtp let it send what we ask (MEDIA-NOTES).
 */
export function bitrateFmtp(hints: BitrateHints | undefined): string {
  if (!hints) return '';
  const parts: string[] = [];
  if (hints.startKbps > 0) parts.push(`x-google-start-bitrate=${hints.startKbps}`);
  if (hints.minKbps > 0) parts.push(`x-google-min-bitrate=${hints.minKbps}`);
  if (hints.maxKbps > 0) parts.push(`x-google-max-bitrate=${hints.maxKbps}`);
  return parts.join(';');
}

const VIDEO_FEEDBACK: RTCPFB[] = [
  { type: 'nack' },
  { type: 'nack', parameter: 'pli' },
  { type: 'ccm', parameter: 'fir' },
  { type: 'goog-remb' },
];

/** werift codec parameters for a peer connection, in preference order. */
export function weriftCodecs(hints?: BitrateHints): { audio: RTCRtpCodecParameters[]; video: RTCRtpCodecParameters[] } {
  const extra = bitrateFmtp(hints);
  const make = (c: RtpCodecInfo): RTCRtpCodecParameters => {
    const fmtp = c.kind === 'video' ? [c.fmtp, extra].filter(Boolean).join(';') : c.fmtp;
    return new RTCRtpCodecParameters({
      mimeType: `${c.kind}/${c.encodingName}`,
      clockRate: c.clockRate,
      channels: c.channels,
      payloadType: c.payloadType,
      rtcpFeedback: c.kind === 'video' ? VIDEO_FEEDBACK.map((f) => ({ ...f })) : [],
      parameters: fmtp || undefined,
    });
  };
  return {
    audio: RTP_CODECS.filter((c) => c.kind === 'audio').map(make),
    video: RTP_CODECS.filter((c) => c.kind === 'video').map(make),
  };
}

/**
 * Adds x-google-* hints to the fmtp of every VP8/H.264 payload in an SDP (werift answers with
 * the offerer's fmtp, which has none). Idempotent: a payload that has them is left alone.
 */
export function withBitrateHints(sdp: string, hints: string): string {
  if (!hints) return sdp;
  const lines = sdp.split('\r\n');
  const videoPayloads = new Set<string>();
  for (const line of lines) {
    const m = /^a=rtpmap:(\d+) (VP8|H264)\//i.exec(line);
    if (m) videoPayloads.add(m[1]!);
  }
  const withFmtp = new Set<string>();
  const out = lines.map((line) => {
    const m = /^a=fmtp:(\d+) (.*)$/.exec(line);
    if (!m || !videoPayloads.has(m[1]!)) return line;
    withFmtp.add(m[1]!);
    return m[2]!.includes('x-google-') ? line : `${line};${hints}`;
  });
  // Payloads without an fmtp line get one right after their rtpmap.
  const result: string[] = [];
  for (const line of out) {
    result.push(line);
    const m = /^a=rtpmap:(\d+) /.exec(line);
    if (m && videoPayloads.has(m[1]!) && !withFmtp.has(m[1]!)) result.push(`a=fmtp:${m[1]} ${hints}`);
  }
  return result.join('\r\n');
}
