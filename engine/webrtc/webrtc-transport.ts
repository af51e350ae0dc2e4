/**
 * WebRtcTransport: one werift RTCPeerConnection with the engine's media model around it.
 * SDP offer/answer in both directions, trickle and full ICE, loopback candidates, VP8/H.264/
 * Opus; incoming RTP becomes whole encoded frames (FrameAssembler), outgoing frames become
 * RTP (FramePacketizer); PLI/FIR both ways (throttled), NACK through werift, REMB both ways.
 * It knows nothing of MediaElements: WebRtcEndpoint turns its callbacks into Kurento events.
 */
import {
  ReceiverEstimatedMaxBitrate,
  RtcpPayloadSpecificFeedback,
  RTCPeerConnection,
  type MediaStreamTrack,
  type RTCDataChannel,
  type RTCIceTransport,
  type RTCRtpTransceiver,
  type RtcpPacket,
} from 'werift';
import { CandidatePolicy, type CandidatePolicyOptions } from './candidate-policy.ts';
import type { AssembledFrame } from './frame-assembler.ts';
import { FramePacketizer } from './frame-packetizer.ts';
import { GatheringDeadline } from './gathering-deadline.ts';
import { KeyframeThrottle } from './keyframe-throttle.ts';
import { InboundStream } from './inbound-stream.ts';
import { colorSpaceExtensionId, colorSpaceHeaderExtension, readColorSpace, writeColorSpace } from './color-space-extension.ts';
import { turnIceServer, type TurnServer } from './turn-url.ts';
import { bitrateFmtp, codecByMime, weriftCodecs, withBitrateHints, type BitrateHints, type RtpCodecInfo, type RtpMediaKind } from './rtp-codecs.ts';

const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
/** A TURN allocation takes two round trips (plus the TCP/TLS handshakes): 1 s leaves room for distant servers. */
const DEFAULT_GATHERING_WAIT_MS = 1000;

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly';
export type IceState = 'new' | 'checking' | 'connected' | 'completed' | 'disconnected' | 'failed' | 'closed';
export type PeerState = 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

/** Kurento's IceCandidate: the same fields as the browser's RTCIceCandidateInit. */
export interface IceCandidateInfo {
  candidate: string;
  sdpMid: string;
  sdpMLineIndex: number;
}

export interface TransportOptions {
  direction?: Direction;
  /** Bitrate hints (kbps) written into our SDP for the peer that sends us video. */
  recvBitrate?: BitrateHints;
  /** Extra host addresses to gather (loopback is always added so local tests connect). */
  hostAddresses?: string[];
  stunServer?: { host: string; port: number };
  /** A TURN relay (udp, tcp or tls): werift gathers a relay candidate through it. */
  turnServer?: TurnServer;
  /**
   * How long processOffer/generateOffer wait for candidates from the STUN and TURN servers
   * before returning the SDP with the candidates gathered so far; later ones (a relay from a
   * slow or silent TURN server) come through onLocalCandidate, then onGatheringDone. Default 1 s.
   */
  gatheringWaitMs?: number;
  /** Which local candidates the peer sees, and with which address (Kurento's ICE properties). */
  candidates?: CandidatePolicyOptions;
  /**
   * ICE + DTLS must complete within this many ms of the remote description, or the session is
   * reported failed (werift itself keeps checking a dead peer forever). Default 30 s.
   */
  connectTimeoutMs?: number;
  /** Tests only: drop this share (%) of incoming packets, to exercise NACK and keyframe recovery. */
  simulateInboundLossPercent?: number;
}

export interface TransportHandlers {
  onLocalCandidate?(candidate: IceCandidateInfo): void;
  onGatheringDone?(): void;
  onIceState?(state: IceState): void;
  onConnectionState?(state: PeerState): void;
  onSelectedPair?(pair: { local: string; remote: string }): void;
  /** One whole encoded frame from the peer, with its time on the engine clock. */
  onFrame?(kind: RtpMediaKind, codec: RtpCodecInfo, frame: AssembledFrame, timestampUs: number): void;
  /** The peer asked us for a keyframe (PLI or FIR). */
  onKeyframeRequested?(kind: RtpMediaKind): void;
  /** The peer's receive estimate for what we send (REMB), in bits per second. */
  onRemoteEstimate?(bitsPerSecond: number): void;
  /** The peer opened a data channel. */
  onDataChannel?(channel: RTCDataChannel): void;
}

export interface DataChannelOptions {
  ordered: boolean;
  /** ms; undefined for reliable. */
  maxPacketLifeTime?: number;
  maxRetransmits?: number;
  protocol: string;
}

export class WebRtcTransport {
  readonly pc: RTCPeerConnection;
  private readonly direction: Direction;
  private readonly recvHints: BitrateHints | undefined;
  private readonly candidatePolicy: CandidatePolicy;
  private readonly inbound = new Map<RtpMediaKind, InboundStream>();
  private readonly packetizers = new Map<RtpMediaKind, FramePacketizer>();
  private readonly keyframeRequests: KeyframeThrottle;
  private rembTimer: NodeJS.Timeout | undefined;
  private maxRecvBitrate = 0;
  private closed = false;
  private lastPair = '';
  private firSequence = 0;
  private connectWatchdog: NodeJS.Timeout | undefined;
  private iceConnected = false;
  private readonly connectTimeoutMs: number;
  private readonly gatheringDeadline: GatheringDeadline;
  private readonly stunServerGiven: boolean;
  /** Every ICE transport werift made, so close() can stop the ones BUNDLE left behind. */
  private readonly iceTransports = new Set<RTCIceTransport>();
  readonly stats = { framesIn: 0, framesOut: 0, keyframeRequestsSent: 0, keyframeRequestsReceived: 0 };

  constructor(
    options: TransportOptions,
    private readonly handlers: TransportHandlers,
  ) {
    this.direction = options.direction ?? 'sendrecv';
    this.recvHints = options.recvBitrate;
    this.candidatePolicy = new CandidatePolicy(options.candidates ?? {});
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.gatheringDeadline = new GatheringDeadline(options.gatheringWaitMs ?? DEFAULT_GATHERING_WAIT_MS);
    this.stunServerGiven = options.stunServer !== undefined;
    const hosts = [...new Set(['127.0.0.1', ...(options.hostAddresses ?? [])])];
    this.pc = new RTCPeerConnection({
      codecs: weriftCodecs(options.recvBitrate),
      headerExtensions: { video: [colorSpaceHeaderExtension()] },
      iceAdditionalHostAddresses: hosts,
      iceUseIpv6: false,
      iceServers: iceServers(options),
      // werift keeps a packet when random() <= value/100, i.e. the value is the share it keeps.
      ...(options.simulateInboundLossPercent ? { debug: { inboundPacketLoss: 100 - options.simulateInboundLossPercent } } : {}),
    });
    this.keyframeRequests = new KeyframeThrottle(() => this.sendKeyframeRequest());
    this.pc.onIceCandidate.subscribe((candidate) => {
      if (!candidate) {
        this.handlers.onGatheringDone?.();
        return;
      }
      const json = candidate.toJSON();
      const line = this.candidatePolicy.apply(json.candidate);
      if (line === undefined) return;
      this.handlers.onLocalCandidate?.({ candidate: line, sdpMid: json.sdpMid ?? '0', sdpMLineIndex: json.sdpMLineIndex ?? 0 });
    });
    this.pc.iceConnectionStateChange.subscribe((state) => {
      // werift says 'completed' when gathering ends, before any check: only 'connected' counts.
      if (state === 'connected') this.iceConnected = true;
      this.handlers.onIceState?.(state);
      if (state === 'connected' || state === 'completed') this.reportSelectedPair();
    });
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') clearTimeout(this.connectWatchdog);
      this.handlers.onConnectionState?.(state);
    });
    this.pc.onTrack.subscribe((track) => this.receiveTrack(track));
    this.pc.onDataChannel.subscribe((channel) => this.handlers.onDataChannel?.(channel));
  }

  // ---- negotiation -----------------------------------------------------------

  /** Applies a remote offer and returns our answer (with the candidates gathered within gatheringWaitMs). */
  async processOffer(sdp: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    for (const t of this.pc.getTransceivers()) {
      t.setDirection(this.direction);
      this.watchSender(t);
    }
    const answer = await this.pc.createAnswer();
    this.prepareGathering();
    await this.pc.setLocalDescription(answer);
    this.rememberIceTransports();
    this.watchConnect();
    return this.localSdp();
  }

  /** Offers the media kinds given, each in its own direction (the constructor's when `true`). */
  async generateOffer(media: Partial<Record<RtpMediaKind, Direction | boolean>>): Promise<string> {
    for (const kind of ['audio', 'video'] as const) {
      const wanted = media[kind];
      if (!wanted) continue;
      this.watchSender(this.pc.addTransceiver(kind, { direction: wanted === true ? this.direction : wanted }));
    }
    const offer = await this.pc.createOffer();
    this.prepareGathering();
    await this.pc.setLocalDescription(offer);
    this.rememberIceTransports();
    return this.localSdp();
  }

  async processAnswer(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
    this.watchConnect();
  }

  async addIceCandidate(candidate: IceCandidateInfo): Promise<void> {
    await this.pc.addIceCandidate({ candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex });
  }

  /** Our SDP as the peer must see it: werift's, with the bitrate hints on every video codec. */
  localSdp(): string {
    const sdp = this.candidatePolicy.applySdp(this.pc.localDescription?.sdp ?? '');
    return sdp && this.recvHints ? withBitrateHints(sdp, bitrateFmtp(this.recvHints)) : sdp;
  }

  remoteSdp(): string {
    return this.pc.remoteDescription?.sdp ?? '';
  }

  /** The codec we may send for a media kind, once negotiated. */
  sendCodec(kind: RtpMediaKind): RtpCodecInfo | undefined {
    const t = this.sendingTransceiver(kind);
    const mime = t?.sender.codec?.mimeType;
    return mime ? codecByMime(mime) : undefined;
  }

  // ---- media -----------------------------------------------------------------

  /** Sends one encoded frame; false when it cannot go out (no such m-line, other codec, closed). */
  sendFrame(kind: RtpMediaKind, codecName: string, data: Buffer, timestampUs: number, colorSpace?: Buffer): boolean {
    if (this.closed) return false;
    const t = this.sendingTransceiver(kind);
    const codec = this.sendCodec(kind);
    if (!t || !codec || codec.name !== codecName || this.pc.connectionState !== 'connected') return false;
    let packetizer = this.packetizers.get(kind);
    if (!packetizer || packetizer.codec !== codec) {
      packetizer = new FramePacketizer(codec, { payloadType: t.sender.codec?.payloadType });
      this.packetizers.set(kind, packetizer);
    }
    const packets = packetizer.packetize(data, timestampUs);
    writeColorSpace(packets, colorSpaceExtensionId(t.headerExtensions), colorSpace);
    for (const packet of packets) {
      t.sender.sendRtp(packet).catch(() => {
        // A packet lost to a closing transport is like one lost on the wire.
      });
    }
    this.stats.framesOut++;
    return true;
  }

  /** Opens a data channel to the peer; the session must have negotiated SCTP (an m=application line). */
  createDataChannel(label: string, options: DataChannelOptions): RTCDataChannel {
    if (!this.pc.sctpTransport) throw new Error('the session has no data channel transport (negotiate with an m=application line first)');
    return this.pc.createDataChannel(label, {
      ordered: options.ordered,
      protocol: options.protocol,
      ...(options.maxPacketLifeTime !== undefined ? { maxPacketLifeTime: options.maxPacketLifeTime } : {}),
      ...(options.maxRetransmits !== undefined ? { maxRetransmits: options.maxRetransmits } : {}),
    });
  }

  /** Asks the peer for a video keyframe (PLI, or FIR if it only speaks that); throttled. */
  requestKeyframe(): void {
    this.keyframeRequests.request();
  }

  /** Caps what the peer sends us (REMB every second); 0 lifts the cap. */
  setMaxReceiveBitrate(bitsPerSecond: number): void {
    this.maxRecvBitrate = bitsPerSecond;
    clearInterval(this.rembTimer);
    this.rembTimer = undefined;
    if (bitsPerSecond <= 0) return;
    this.sendRemb();
    this.rembTimer = setInterval(() => this.sendRemb(), 1000);
    this.rembTimer.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.rembTimer);
    clearTimeout(this.connectWatchdog);
    this.keyframeRequests.close();
    for (const inbound of this.inbound.values()) inbound.close();
    this.inbound.clear();
    await this.pc.close().catch(() => undefined);
    // werift drops the transports that BUNDLE made redundant without closing their sockets.
    for (const ice of this.iceTransports) await ice.stop().catch(() => undefined);
    if (this.gatheringDeadline.pending) {
      // A TURN allocation still under way cannot be cancelled: once werift has given up on it (or
      // got it), close what it added to the ICE connections after they were closed.
      await this.gatheringDeadline.settled();
      for (const ice of this.iceTransports) await ice.connection.close().catch(() => undefined);
    }
    this.iceTransports.clear();
  }

  /** Reports failure when ICE/DTLS has not connected in time (see connectTimeoutMs). */
  private watchConnect(): void {
    clearTimeout(this.connectWatchdog);
    this.connectWatchdog = setTimeout(() => {
      if (this.closed || this.pc.connectionState === 'connected') return;
      // ICE that connected means DTLS is what failed; otherwise no candidate pair answered.
      if (!this.iceConnected) this.handlers.onIceState?.('failed');
      this.handlers.onConnectionState?.('failed');
    }, this.connectTimeoutMs);
    this.connectWatchdog.unref();
  }

  /** Just before setLocalDescription starts gathering: werift's default STUN server off, the wait bounded. */
  private prepareGathering(): void {
    // With no STUN server given (even with iceServers: []) werift asks stun.l.google.com:19302.
    // Kurento asks no STUN server unless stunServerAddress is set, and offline that lookup held
    // every offer and answer up to the gathering deadline.
    if (!this.stunServerGiven) {
      for (const ice of this.pc.iceTransports) if (ice.gatheringState === 'new') ice.connection.stunServer = undefined;
    }
    this.gatheringDeadline.apply(this.pc);
  }

  private rememberIceTransports(): void {
    for (const ice of this.pc.iceTransports) this.iceTransports.add(ice);
  }

  // ---- internals -------------------------------------------------------------

  private sendingTransceiver(kind: RtpMediaKind): RTCRtpTransceiver | undefined {
    return this.pc.getTransceivers().find((t) => t.kind === kind && !t.stopped && (t.currentDirection === 'sendrecv' || t.currentDirection === 'sendonly'));
  }

  private receiveTrack(track: MediaStreamTrack): void {
    const transceiver = this.pc.getTransceivers().find((t) => t.receiver.tracks.includes(track));
    const kind = track.kind as RtpMediaKind;
    const colorSpaceId = colorSpaceExtensionId(transceiver?.headerExtensions ?? []);
    track.onReceiveRtp.subscribe((packet) => {
      if (this.closed) return;
      const negotiated = transceiver?.codecs.find((c) => c.payloadType === packet.header.payloadType);
      const codec = negotiated ? codecByMime(negotiated.mimeType) : undefined;
      if (!codec) return; // RTX/RED/unknown payloads: werift repairs RTX itself
      let inbound = this.inbound.get(kind);
      if (!inbound || inbound.ssrc !== packet.header.ssrc || inbound.codec !== codec) {
        // One stream per media kind: a new SSRC or codec replaces the previous one.
        inbound?.close();
        inbound = new InboundStream(codec, packet.header.ssrc, {
          onFrame: (frame, timestampUs) => {
            this.stats.framesIn++;
            this.handlers.onFrame?.(kind, codec, frame, timestampUs);
          },
          onNeedKeyframe: () => this.requestKeyframe(),
        });
        this.inbound.set(kind, inbound);
      }
      inbound.push(packet, readColorSpace(packet, colorSpaceId));
    });
  }

  /**
   * Listens for the peer's feedback about what this transceiver sends. werift routes a PLI/FIR
   * by its *sender* SSRC first, and a peer that also sends media uses that SSRC for its RTCP:
   * the request then lands on our receiver instead of our sender. Both are watched, and the
   * request is matched to the sender by the media SSRC it names.
   */
  private watchSender(t: RTCRtpTransceiver): void {
    const onFeedback = (packet: RtcpPacket): void => {
      if (packet.type !== RtcpPayloadSpecificFeedback.type) return;
      const feedback = (packet as RtcpPayloadSpecificFeedback).feedback as RtcpPayloadSpecificFeedback['feedback'] & {
        fir?: { ssrc: number }[];
      };
      if (feedback.count === 1 || feedback.count === 4) {
        // PLI (1) or FIR (4): the peer lost the picture we send.
        const named = feedback.count === 4 ? (feedback.fir ?? []).map((f) => f.ssrc) : [feedback.mediaSsrc];
        if (!named.includes(t.sender.ssrc)) return;
        this.stats.keyframeRequestsReceived++;
        this.handlers.onKeyframeRequested?.(t.kind as RtpMediaKind);
      } else if (feedback instanceof ReceiverEstimatedMaxBitrate) {
        this.handlers.onRemoteEstimate?.(Number(feedback.bitrate));
      }
    };
    t.sender.onRtcp.subscribe(onFeedback);
    t.receiver.onRtcp.subscribe((packet: RtcpPacket) => {
      // Only what werift misrouted here: REMB always reaches the sender.
      if (packet.type === RtcpPayloadSpecificFeedback.type && !((packet as RtcpPayloadSpecificFeedback).feedback instanceof ReceiverEstimatedMaxBitrate)) {
        onFeedback(packet);
      }
    });
  }


  private sendKeyframeRequest(): void {
    const video = this.pc.getTransceivers().find((t) => t.kind === 'video' && t.receiver.tracks.length > 0);
    const ssrc = video?.receiver.tracks[0]?.ssrc;
    if (!video || ssrc === undefined || this.closed) return;
    this.stats.keyframeRequestsSent++;
    if (video.receiver.pliEnabled) {
      video.receiver.sendRtcpPLI(ssrc).catch(() => undefined);
      return;
    }
    // A peer that negotiated only 'ccm fir' gets a Full Intra Request (RFC 5104).
    this.firSequence = (this.firSequence + 1) & 0xff;
    const fir = fullIntraRequest(video.receiver.rtcpSsrc, ssrc, this.firSequence);
    video.dtlsTransport.sendRtcp([{ serialize: () => fir } as unknown as RtcpPacket]).catch(() => undefined);
  }

  private sendRemb(): void {
    if (this.closed || this.maxRecvBitrate <= 0) return;
    const video = this.pc.getTransceivers().find((t) => t.kind === 'video' && t.receiver.tracks.length > 0);
    const ssrc = video?.receiver.tracks[0]?.ssrc;
    if (!video || ssrc === undefined || this.pc.connectionState !== 'connected') return;
    let mantissa = Math.max(0, Math.floor(this.maxRecvBitrate));
    let exp = 0;
    while (mantissa >= 1 << 18) {
      mantissa >>= 1;
      exp++;
    }
    const remb = new ReceiverEstimatedMaxBitrate({
      senderSsrc: video.receiver.rtcpSsrc,
      mediaSsrc: 0,
      brExp: exp,
      brMantissa: mantissa,
      bitrate: BigInt(mantissa) << BigInt(exp),
      ssrcNum: 1,
      ssrcFeedbacks: [ssrc],
    });
    video.dtlsTransport.sendRtcp([new RtcpPayloadSpecificFeedback({ feedback: remb })]).catch(() => undefined);
  }

  private reportSelectedPair(): void {
    const pair = this.pc.iceTransports[0]?.getSelectedCandidatePair();
    if (!pair) return;
    const summary = { local: pair.local.candidate, remote: pair.remote.candidate };
    const key = `${summary.local}|${summary.remote}`;
    if (key === this.lastPair) return;
    this.lastPair = key;
    this.handlers.onSelectedPair?.(summary);
  }
}

/** werift's iceServers: the STUN server and the TURN relay, when given. */
function iceServers(options: TransportOptions): { urls: string; username?: string; credential?: string }[] {
  const servers: { urls: string; username?: string; credential?: string }[] = [];
  const stun = options.stunServer;
  if (stun) servers.push({ urls: `stun:${stun.host.includes(':') ? `[${stun.host}]` : stun.host}:${stun.port}` });
  if (options.turnServer) servers.push(turnIceServer(options.turnServer));
  return servers;
}

/** An RTCP FIR packet (RFC 5104 §4.3.1; werift does not export its FIR class). */
export function fullIntraRequest(senderSsrc: number, mediaSsrc: number, sequence: number): Buffer {
  const packet = Buffer.alloc(20);
  packet[0] = 0x80 | 4; // V=2, FMT=4 (FIR)
  packet[1] = RtcpPayloadSpecificFeedback.type;
  packet.writeUInt16BE(20 / 4 - 1, 2);
  packet.writeUInt32BE(senderSsrc >>> 0, 4);
  packet.writeUInt32BE(0, 8); // media source: unused for FIR
  packet.writeUInt32BE(mediaSsrc >>> 0, 12);
  packet[16] = sequence & 0xff;
  return packet;
}
