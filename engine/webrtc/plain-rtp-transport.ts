/**
 * Plain RTP over UDP (no ICE, no DTLS/SRTP): what FFmpeg's rtp muxer / sdp demuxer and
 * GStreamer's udpsrc/udpsink speak. One UDP socket pair (RTP on an even port, RTCP on the
 * next) per media line; SDP offer/answer says where each side listens. Frames in and out go
 * through the same depacketizer/packetizer as WebRTC; RTCP PLI/FIR both ways.
 */
import { createSocket, type Socket } from 'node:dgram';
import { networkInterfaces } from 'node:os';
import {
  PictureLossIndication,
  ProtectionProfileAes128CmHmacSha1_80,
  RtcpPacketConverter,
  RtcpPayloadSpecificFeedback,
  RtcpSenderInfo,
  RtcpSrPacket,
  RtpPacket,
  SrtcpSession,
  SrtpSession,
} from 'werift';
import type { AssembledFrame } from './frame-assembler.ts';
import { DEFAULT_MAX_PAYLOAD, FramePacketizer } from './frame-packetizer.ts';
import { InboundStream } from './inbound-stream.ts';
import { KeyframeThrottle } from './keyframe-throttle.ts';
import { answerDirection, parsePlainSdp, writePlainSdp, type LocalMedia, type PlainMedia, type PlainPayload, type SdpDirection } from './plain-sdp.ts';
import { RTP_CODECS, type RtpCodecInfo, type RtpMediaKind } from './rtp-codecs.ts';

export interface PlainRtpOptions {
  direction?: 'sendrecv' | 'sendonly' | 'recvonly';
  /** Address written into our SDP; default: the first external IPv4, else 127.0.0.1. */
  address?: string;
  ipv6?: boolean;
  maxPayloadSize?: number;
  /** SDES-SRTP (RFC 4568, AES_CM_128_HMAC_SHA1_80): our 16-byte master key + 14-byte salt. */
  srtpKey?: Buffer;
}

/** The one SDES suite werift's SRTP implements. */
export const SDES_SUITE = 'AES_CM_128_HMAC_SHA1_80';
export const SDES_KEY_BYTES = 30;

export interface PlainRtpHandlers {
  onFrame?(kind: RtpMediaKind, codec: RtpCodecInfo, frame: AssembledFrame, timestampUs: number): void;
  onKeyframeRequested?(kind: RtpMediaKind): void;
  /** A socket failed (port vanished, network error). */
  onError?(message: string): void;
}

interface Line {
  kind: RtpMediaKind;
  rtp: Socket;
  rtcp: Socket;
  port: number;
  direction: SdpDirection;
  payload?: PlainPayload;
  remote?: { address: string; port: number; rtcpPort: number };
  ssrc: number;
  inbound?: InboundStream;
  packetizer?: FramePacketizer;
  /** Present when the line is SRTP (SDES keys exchanged in the SDP). */
  srtp?: { rtp: SrtpSession; rtcp: SrtcpSession };
  /** For RTCP sender reports: totals, and the RTP time of the last frame with when it left. */
  sent: { packets: number; octets: number; lastRtp: number; lastAt: number };
}

/** Seconds between 1900 (NTP's epoch) and 1970. */
const NTP_EPOCH_OFFSET = 2208988800;
const SENDER_REPORT_INTERVAL_MS = 1000;

function ntpNow(): bigint {
  const ms = Date.now();
  const seconds = BigInt(Math.floor(ms / 1000) + NTP_EPOCH_OFFSET);
  const fraction = BigInt(Math.floor(((ms % 1000) / 1000) * 2 ** 32));
  return (seconds << 32n) | fraction;
}

const PORT_MIN = 20000;
const PORT_RANGE = 20000;

export class PlainRtpTransport {
  private readonly lines: Line[] = [];
  private local = '';
  private remote = '';
  private readonly address: string;
  private readonly keyframeRequests: KeyframeThrottle;
  private closed = false;
  private reportTimer: NodeJS.Timeout | undefined;
  readonly stats = { framesIn: 0, framesOut: 0, keyframeRequestsSent: 0, keyframeRequestsReceived: 0 };

  constructor(
    private readonly options: PlainRtpOptions,
    private readonly handlers: PlainRtpHandlers,
  ) {
    this.address = options.address ?? defaultAddress(options.ipv6 ?? false);
    this.keyframeRequests = new KeyframeThrottle(() => this.sendPli());
  }

  async generateOffer(media: Partial<Record<RtpMediaKind, SdpDirection>>): Promise<string> {
    const offered: LocalMedia[] = [];
    for (const kind of ['audio', 'video'] as const) {
      const direction = media[kind];
      if (!direction) continue;
      const line = await this.openLine(kind, direction);
      const payloads = RTP_CODECS.filter((c) => c.kind === kind).map((codec) => ({ payloadType: codec.payloadType, codec }));
      offered.push({ kind, port: line.port, proto: this.options.srtpKey ? 'RTP/SAVPF' : 'RTP/AVPF', direction, payloads, crypto: this.localCrypto() });
    }
    this.local = writePlainSdp(this.address, Date.now() % 1e9, offered);
    return this.local;
  }

  async processOffer(sdp: string): Promise<string> {
    const answer: LocalMedia[] = [];
    for (const remote of parsePlainSdp(sdp)) {
      const kind = remote.kind as RtpMediaKind;
      const payload = remote.payloads[0];
      const used = this.lines.some((l) => l.kind === kind);
      if (remote.port === 0 || !payload || used || (kind !== 'audio' && kind !== 'video')) {
        answer.push({ kind: remote.kind, port: 0, proto: remote.proto, direction: 'inactive', payloads: [], formats: remote.formats });
        continue;
      }
      const remoteKey = this.remoteSrtpKey(remote);
      const direction = answerDirection(remote.direction, this.options.direction ?? 'sendrecv');
      const line = await this.openLine(kind, direction);
      line.payload = payload;
      line.remote = { address: remote.address, port: remote.port, rtcpPort: remote.rtcpMux ? remote.port : remote.rtcpPort };
      line.srtp = this.srtpSessions(remoteKey);
      answer.push({ kind, port: line.port, proto: remote.proto, direction, payloads: [payload], crypto: this.localCrypto() });
    }
    if (this.lines.length === 0) throw new Error('no media line of the offer can be answered');
    this.remote = sdp;
    this.local = writePlainSdp(this.address, Date.now() % 1e9, answer);
    return this.local;
  }

  processAnswer(sdp: string): void {
    const media = parsePlainSdp(sdp);
    for (const line of this.lines) {
      const remote = media.find((m) => m.kind === line.kind && m.port !== 0);
      const payload = remote?.payloads[0];
      if (!remote || !payload) {
        line.direction = 'inactive';
        continue;
      }
      line.srtp = this.srtpSessions(this.remoteSrtpKey(remote));
      line.payload = payload;
      line.direction = answerDirection(remote.direction, line.direction);
      line.remote = { address: remote.address, port: remote.port, rtcpPort: remote.rtcpMux ? remote.port : remote.rtcpPort };
    }
    if (!this.lines.some((l) => l.payload)) throw new Error('the answer accepts none of the offered media with a codec we support');
    this.remote = sdp;
  }

  localSdp(): string {
    return this.local;
  }

  remoteSdp(): string {
    return this.remote;
  }

  sendCodec(kind: RtpMediaKind): RtpCodecInfo | undefined {
    const line = this.lines.find((l) => l.kind === kind);
    return line && (line.direction === 'sendrecv' || line.direction === 'sendonly') ? line.payload?.codec : undefined;
  }

  sendFrame(kind: RtpMediaKind, codecName: string, data: Buffer, timestampUs: number): boolean {
    const line = this.lines.find((l) => l.kind === kind);
    const codec = this.sendCodec(kind);
    const remote = line?.remote;
    if (this.closed || !line || !codec || codec.name !== codecName || !remote || !isRoutable(remote.address)) return false;
    line.packetizer ??= new FramePacketizer(codec, {
      payloadType: line.payload!.payloadType,
      ssrc: line.ssrc,
      maxPayloadSize: this.options.maxPayloadSize ?? DEFAULT_MAX_PAYLOAD,
    });
    for (const packet of line.packetizer.packetize(data, timestampUs)) {
      line.rtp.send(line.srtp ? line.srtp.rtp.encrypt(packet.payload, packet.header) : packet.serialize(), remote.port, remote.address);
      line.sent.packets++;
      line.sent.octets += packet.payload.length;
      line.sent.lastRtp = packet.header.timestamp;
    }
    line.sent.lastAt = performance.now();
    this.stats.framesOut++;
    return true;
  }

  requestKeyframe(): void {
    this.keyframeRequests.request();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.reportTimer);
    this.keyframeRequests.close();
    for (const line of this.lines) {
      line.inbound?.close();
      line.rtp.close();
      line.rtcp.close();
    }
  }

  // ---- internals -------------------------------------------------------------

  private async openLine(kind: RtpMediaKind, direction: SdpDirection): Promise<Line> {
    const { rtp, rtcp, port } = await bindPair(this.options.ipv6 ?? false);
    const line: Line = { kind, rtp, rtcp, port, direction, ssrc: (Math.random() * 0xffffffff) >>> 0, sent: { packets: 0, octets: 0, lastRtp: 0, lastAt: 0 } };
    rtp.on('message', (message, from) => this.onRtp(line, message, from.address, from.port));
    rtcp.on('message', (message) => this.onRtcp(line, message));
    for (const socket of [rtp, rtcp]) socket.on('error', (error) => this.handlers.onError?.(`${kind} RTP socket ${port}: ${error.message}`));
    this.lines.push(line);
    if (!this.reportTimer) {
      this.reportTimer = setInterval(() => this.sendSenderReports(), SENDER_REPORT_INTERVAL_MS);
      this.reportTimer.unref();
    }
    return line;
  }

  /**
   * RTCP SR for every line we send on: the wall-clock time and the RTP time that matches it,
   * which receivers (FFmpeg, GStreamer) use to line audio and video up.
   */
  private sendSenderReports(): void {
    for (const line of this.lines) {
      const codec = line.payload?.codec;
      if (this.closed || !codec || !line.remote || line.sent.packets === 0 || !isRoutable(line.remote.address)) continue;
      const elapsed = ((performance.now() - line.sent.lastAt) / 1000) * codec.clockRate;
      const report = new RtcpSrPacket({
        ssrc: line.ssrc,
        senderInfo: new RtcpSenderInfo({
          ntpTimestamp: ntpNow(),
          rtpTimestamp: (line.sent.lastRtp + Math.round(elapsed)) >>> 0,
          packetCount: line.sent.packets >>> 0,
          octetCount: line.sent.octets >>> 0,
        }),
      });
      this.sendRtcp(line, report.serialize());
    }
  }

  private onRtp(line: Line, message: Buffer, address: string, port: number): void {
    if (this.closed || message.length < 12) return;
    const type = message[1]! & 0x7f;
    // rtcp-mux: RTCP packet types 200-206 show up as payload types 72-78.
    if (type >= 72 && type <= 78) return this.onRtcp(line, message);
    if (!line.payload || type !== line.payload.payloadType || line.direction === 'sendonly' || line.direction === 'inactive') return;
    // A peer that gave no usable address (0.0.0.0) is answered where its packets come from.
    if (line.remote && !isRoutable(line.remote.address)) line.remote = { address, port, rtcpPort: port + 1 };
    let packet: RtpPacket;
    try {
      packet = RtpPacket.deSerialize(line.srtp ? line.srtp.rtp.decrypt(message) : message);
    } catch {
      // Unparsable, or SRTP that fails authentication (wrong key): dropped like a lost packet.
      return;
    }
    if (!line.inbound || line.inbound.ssrc !== packet.header.ssrc) {
      line.inbound?.close();
      const codec = line.payload.codec;
      line.inbound = new InboundStream(codec, packet.header.ssrc, {
        onFrame: (frame, timestampUs) => {
          this.stats.framesIn++;
          this.handlers.onFrame?.(line.kind, codec, frame, timestampUs);
        },
        onNeedKeyframe: () => this.requestKeyframe(),
      });
    }
    line.inbound.push(packet);
  }

  private onRtcp(line: Line, message: Buffer): void {
    let packets;
    try {
      packets = RtcpPacketConverter.deSerialize(line.srtp ? line.srtp.rtcp.decrypt(message) : message);
    } catch {
      return;
    }
    for (const packet of packets) {
      if (packet.type !== RtcpPayloadSpecificFeedback.type) continue;
      const count = (packet as RtcpPayloadSpecificFeedback).feedback.count;
      if (count === 1 || count === 4) {
        this.stats.keyframeRequestsReceived++;
        this.handlers.onKeyframeRequested?.(line.kind);
      }
    }
  }

  private sendRtcp(line: Line, raw: Buffer): void {
    if (!line.remote) return;
    line.rtcp.send(line.srtp ? line.srtp.rtcp.encrypt(raw) : raw, line.remote.rtcpPort, line.remote.address);
  }

  private localCrypto(): { suite: string; keyBase64: string } | undefined {
    return this.options.srtpKey ? { suite: SDES_SUITE, keyBase64: this.options.srtpKey.toString('base64') } : undefined;
  }

  /** The peer's SDES key for a media line; throws when SRTP is wanted on one side only. */
  private remoteSrtpKey(remote: PlainMedia): Buffer | undefined {
    const secure = remote.proto.includes('SAVP');
    if (!this.options.srtpKey) {
      if (secure) throw new Error(`the ${remote.kind} line asks for SRTP (${remote.proto}) but this endpoint has no crypto key`);
      return undefined;
    }
    const entry = remote.crypto.find((c) => c.suite === SDES_SUITE);
    if (!entry) {
      const offered = remote.crypto.map((c) => c.suite).join(', ') || 'none';
      throw new Error(`the ${remote.kind} line has no a=crypto key for ${SDES_SUITE} (offered: ${offered})`);
    }
    const key = Buffer.from(entry.keyBase64, 'base64');
    if (key.length !== SDES_KEY_BYTES) throw new Error(`the ${remote.kind} line's SRTP key is ${key.length} bytes, not ${SDES_KEY_BYTES}`);
    return key;
  }

  private srtpSessions(remoteKey: Buffer | undefined): Line['srtp'] {
    const local = this.options.srtpKey;
    if (!local || !remoteKey) return undefined;
    const config = {
      keys: { localMasterKey: local.subarray(0, 16), localMasterSalt: local.subarray(16), remoteMasterKey: remoteKey.subarray(0, 16), remoteMasterSalt: remoteKey.subarray(16) },
      profile: ProtectionProfileAes128CmHmacSha1_80,
    };
    return { rtp: new SrtpSession(config), rtcp: new SrtcpSession(config) };
  }

  private sendPli(): void {
    const line = this.lines.find((l) => l.kind === 'video' && l.inbound && l.remote);
    if (!line?.inbound || !line.remote || this.closed) return;
    const pli = new RtcpPayloadSpecificFeedback({ feedback: new PictureLossIndication({ senderSsrc: line.ssrc, mediaSsrc: line.inbound.ssrc }) });
    this.stats.keyframeRequestsSent++;
    this.sendRtcp(line, pli.serialize());
  }
}

function isRoutable(address: string): boolean {
  return address !== '0.0.0.0' && address !== '::';
}

function defaultAddress(ipv6: boolean): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) {
      if (!entry.internal && entry.family === (ipv6 ? 'IPv6' : 'IPv4') && !entry.address.startsWith('fe80')) return entry.address;
    }
  }
  return ipv6 ? '::1' : '127.0.0.1';
}

/** An RTP socket on a free even port and its RTCP socket on the next one. */
async function bindPair(ipv6: boolean): Promise<{ rtp: Socket; rtcp: Socket; port: number }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = PORT_MIN + 2 * Math.floor(Math.random() * (PORT_RANGE / 2));
    const rtp = await bind(port, ipv6);
    if (!rtp) continue;
    const rtcp = await bind(port + 1, ipv6);
    if (rtcp) return { rtp, rtcp, port };
    rtp.close();
  }
  throw new Error(`no free UDP port pair between ${PORT_MIN} and ${PORT_MIN + PORT_RANGE}`);
}

function bind(port: number, ipv6: boolean): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket(ipv6 ? 'udp6' : 'udp4');
    socket.once('error', () => {
      socket.close();
      resolve(undefined);
    });
    socket.bind(port, ipv6 ? '::' : '0.0.0.0', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}
