/**
 * Checks a remote SDP before it reaches werift or the RTP endpoint, so a bad description
 * becomes a precise Kurento error (which line, which codecs) instead of a vague failure.
 */
import { MediaError, type KurentoErrorName } from '../errors.ts';
import { codecByMime, type RtpCodecInfo } from './rtp-codecs.ts';

export interface SdpMediaSummary {
  kind: string;
  port: number;
  /** Encoding names offered (a=rtpmap), e.g. ['VP8', 'H264', 'rtx']. */
  encodings: string[];
  /** The ones we can handle. */
  supported: RtpCodecInfo[];
}

/**
 * Parses enough of an SDP to judge it. `errorType` is the Kurento error to raise
 * (process-offer or process-answer). Throws SDP_PARSE_ERROR for text that is not SDP.
 */
export function checkRemoteSdp(sdp: unknown, errorType: KurentoErrorName, options: { requireIce: boolean }): SdpMediaSummary[] {
  if (typeof sdp !== 'string' || sdp.trim() === '') throw new MediaError('SDP_PARSE_ERROR', 'SDP is empty');
  const lines = sdp.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines[0]?.trim() !== 'v=0') throw new MediaError('SDP_PARSE_ERROR', `SDP must start with 'v=0', got '${truncate(lines[0] ?? '')}'`);
  const bad = lines.findIndex((l) => !/^[a-z]=/.test(l));
  if (bad >= 0) throw new MediaError('SDP_PARSE_ERROR', `SDP line ${bad + 1} is not '<letter>=<value>': '${truncate(lines[bad]!)}'`);
  const media: SdpMediaSummary[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.startsWith('m=')) {
      const match = /^m=(\S+) (\d+)(?:\/\d+)? (\S+)((?: \S+)*)$/.exec(line.trim());
      if (!match) throw new MediaError('SDP_PARSE_ERROR', `SDP line ${index + 1} is a malformed media line: '${truncate(line)}'`);
      media.push({ kind: match[1]!, port: Number(match[2]), encodings: [], supported: [] });
      continue;
    }
    const current = media.at(-1);
    const rtpmap = /^a=rtpmap:\d+ ([^/\s]+)\//.exec(line);
    if (current && rtpmap) {
      current.encodings.push(rtpmap[1]!);
      const codec = codecByMime(rtpmap[1]!);
      if (codec && codec.kind === current.kind && !current.supported.includes(codec)) current.supported.push(codec);
    }
  }
  const av = media.filter((m) => (m.kind === 'audio' || m.kind === 'video') && m.port !== 0);
  if (av.length === 0) throw new MediaError(errorType, 'SDP has no audio or video media section');
  if (av.every((m) => m.supported.length === 0)) {
    const offered = av.map((m) => `${m.kind}: ${m.encodings.join(', ') || 'none'}`).join('; ');
    throw new MediaError(errorType, `no common codec: the SDP offers ${offered}; this endpoint supports VP8, H264 and opus`);
  }
  if (options.requireIce) {
    if (!/^a=ice-ufrag:/m.test(sdp)) throw new MediaError(errorType, 'SDP has no a=ice-ufrag (WebRTC needs ICE credentials)');
    if (!/^a=fingerprint:/m.test(sdp)) throw new MediaError(errorType, 'SDP has no a=fingerprint (WebRTC needs DTLS)');
  }
  return media;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
