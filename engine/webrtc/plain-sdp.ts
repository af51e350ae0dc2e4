/**
 * SDP for plain RTP (RTP/AVP, RTP/AVPF; no ICE, no DTLS), as FFmpeg, GStreamer and Kurento's
 * RtpEndpoint write it: per m-line where the peer receives (c= address, m= port, RTCP on
 * port+1 unless a=rtcp / a=rtcp-mux say otherwise), which payloads and which direction.
 */
import { codecByMime, type RtpCodecInfo, type RtpMediaKind } from './rtp-codecs.ts';

export type SdpDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface PlainPayload {
  payloadType: number;
  codec: RtpCodecInfo;
  fmtp?: string;
}

export interface PlainMedia {
  kind: string;
  port: number;
  proto: string;
  address: string;
  rtcpPort: number;
  rtcpMux: boolean;
  direction: SdpDirection;
  /** Payloads we support, in the peer's order of preference. */
  payloads: PlainPayload[];
  /** Every payload type on the m-line, for answering rejected lines. */
  formats: string[];
  /** SDES keys (a=crypto, RFC 4568): suite and the base64 key||salt the peer sends with. */
  crypto: { suite: string; keyBase64: string }[];
}

export function parsePlainSdp(sdp: string): PlainMedia[] {
  const lines = sdp.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  let sessionAddress = '0.0.0.0';
  let sessionDirection: SdpDirection = 'sendrecv';
  const media: PlainMedia[] = [];
  const rtpmaps = new Map<PlainMedia, Map<number, string>>();
  const fmtps = new Map<PlainMedia, Map<number, string>>();
  for (const line of lines) {
    const current = media.at(-1);
    const m = /^m=(\S+) (\d+)(?:\/\d+)? (\S+) ?(.*)$/.exec(line);
    if (m) {
      const entry: PlainMedia = {
        kind: m[1]!,
        port: Number(m[2]),
        proto: m[3]!,
        address: sessionAddress,
        rtcpPort: Number(m[2]) + 1,
        rtcpMux: false,
        direction: sessionDirection,
        payloads: [],
        formats: m[4]!.split(' ').filter(Boolean),
        crypto: [],
      };
      media.push(entry);
      rtpmaps.set(entry, new Map());
      fmtps.set(entry, new Map());
      continue;
    }
    const c = /^c=IN IP[46] ([^/\s]+)/.exec(line);
    if (c) {
      if (current) current.address = c[1]!;
      else sessionAddress = c[1]!;
      continue;
    }
    const direction = /^a=(sendrecv|sendonly|recvonly|inactive)$/.exec(line)?.[1] as SdpDirection | undefined;
    if (direction) {
      if (current) current.direction = direction;
      else sessionDirection = direction;
      continue;
    }
    if (!current) continue;
    if (line === 'a=rtcp-mux') current.rtcpMux = true;
    const crypto = /^a=crypto:\d+ (\S+) inline:([^|\s]+)/.exec(line);
    if (crypto) current.crypto.push({ suite: crypto[1]!, keyBase64: crypto[2]! });
    const rtcp = /^a=rtcp:(\d+)/.exec(line);
    if (rtcp) current.rtcpPort = Number(rtcp[1]);
    const rtpmap = /^a=rtpmap:(\d+) (\S+)/.exec(line);
    if (rtpmap) rtpmaps.get(current)!.set(Number(rtpmap[1]), rtpmap[2]!);
    const fmtp = /^a=fmtp:(\d+) (.*)$/.exec(line);
    if (fmtp) fmtps.get(current)!.set(Number(fmtp[1]), fmtp[2]!);
  }
  for (const entry of media) {
    for (const format of entry.formats) {
      const pt = Number(format);
      const name = rtpmaps.get(entry)!.get(pt)?.split('/')[0] ?? '';
      const codec = codecByMime(name);
      if (codec && codec.kind === entry.kind) entry.payloads.push({ payloadType: pt, codec, fmtp: fmtps.get(entry)!.get(pt) });
    }
  }
  return media;
}

export interface LocalMedia {
  kind: RtpMediaKind | string;
  /** 0 rejects the m-line. */
  port: number;
  proto: string;
  direction: SdpDirection;
  payloads: PlainPayload[];
  /** For a rejected line: the formats to echo back. */
  formats?: string[];
  rtcpMux?: boolean;
  /** Our SDES key for this line (base64 key||salt) and its suite. */
  crypto?: { suite: string; keyBase64: string };
}

export function writePlainSdp(address: string, sessionId: number, media: LocalMedia[]): string {
  const family = address.includes(':') ? 'IP6' : 'IP4';
  const lines = ['v=0', `o=- ${sessionId} 0 IN ${family} ${address}`, 's=Fluo', `c=IN ${family} ${address}`, 't=0 0'];
  for (const m of media) {
    const formats = m.payloads.length > 0 ? m.payloads.map((p) => p.payloadType) : (m.formats ?? ['0']);
    lines.push(`m=${m.kind} ${m.port} ${m.proto} ${formats.join(' ')}`);
    if (m.port === 0) continue;
    if (m.rtcpMux) lines.push('a=rtcp-mux');
    else lines.push(`a=rtcp:${m.port + 1}`);
    lines.push(`a=${m.direction}`);
    if (m.crypto) lines.push(`a=crypto:1 ${m.crypto.suite} inline:${m.crypto.keyBase64}`);
    for (const p of m.payloads) {
      const channels = p.codec.channels ? `/${p.codec.channels}` : '';
      lines.push(`a=rtpmap:${p.payloadType} ${p.codec.encodingName}/${p.codec.clockRate}${channels}`);
      if (p.codec.kind === 'video') {
        for (const fb of ['nack', 'nack pli', 'ccm fir', 'goog-remb']) lines.push(`a=rtcp-fb:${p.payloadType} ${fb}`);
      }
      const fmtp = p.fmtp ?? p.codec.fmtp;
      if (fmtp) lines.push(`a=fmtp:${p.payloadType} ${fmtp}`);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** What we do given the peer's direction and ours. */
export function answerDirection(remote: SdpDirection, ours: SdpDirection): SdpDirection {
  const weSend = (ours === 'sendrecv' || ours === 'sendonly') && (remote === 'sendrecv' || remote === 'recvonly');
  const weReceive = (ours === 'sendrecv' || ours === 'recvonly') && (remote === 'sendrecv' || remote === 'sendonly');
  return weSend && weReceive ? 'sendrecv' : weSend ? 'sendonly' : weReceive ? 'recvonly' : 'inactive';
}
