/**
 * Kurento's WebRtcEndpoint on werift: SDP offer/answer both ways, trickle ICE (IceCandidateFound
 * after gatherCandidates, addIceCandidate) and full offers/answers (candidates inside the SDP;
 * those a STUN/TURN server gives after gatheringWaitMs are trickled), VP8/H.264/Opus. Received
 * media is published encoded on the source pads; connected media is sent as it arrives when its
 * codec is the negotiated one (a loopback never transcodes).
 */
import { KurentoErrorCode, MediaError } from '../../errors.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import type { MediaType } from '../../catalog/types.ts';
import { CandidatePolicy } from '../../webrtc/candidate-policy.ts';
import type { RtpMediaKind } from '../../webrtc/rtp-codecs.ts';
import { parseTurnUrl, type TurnServer } from '../../webrtc/turn-url.ts';
import { WebRtcTransport, type IceCandidateInfo, type IceState, type PeerState } from '../../webrtc/webrtc-transport.ts';
import { RtpSessionEndpoint, type MediaDirection } from '../rtp/rtp-session-endpoint.ts';
import { DataChannelSet } from './data-channels.ts';
import { kurentoStats } from './kurento-stats.ts';

type IceComponentState = 'DISCONNECTED' | 'GATHERING' | 'CONNECTING' | 'CONNECTED' | 'READY' | 'FAILED';
type DtlsState = 'NEW' | 'CLOSED' | 'FAILED' | 'CONNECTING' | 'CONNECTED';

const ICE_STATE: Record<IceState, IceComponentState> = {
  new: 'GATHERING',
  checking: 'CONNECTING',
  connected: 'CONNECTED',
  completed: 'READY',
  disconnected: 'DISCONNECTED',
  failed: 'FAILED',
  closed: 'DISCONNECTED',
};

const DTLS_STATE: Record<PeerState, DtlsState> = {
  new: 'NEW',
  connecting: 'CONNECTING',
  connected: 'CONNECTED',
  disconnected: 'CLOSED',
  failed: 'FAILED',
  closed: 'CLOSED',
};

/** Browsers want a start bitrate; Chrome's own estimate toward werift stays near 450 kbps (MEDIA-NOTES). */
const DEFAULT_RECV_START_KBPS = 1500;
const DEFAULT_RECV_MAX_KBPS = 4000;
const DEFAULT_RECV_MIN_KBPS = 300;
/** Kurento's stream and component ids: one bundled stream, RTP component 1. */
const STREAM_ID = 1;
const COMPONENT_ID = 1;
/** The STUN port when stunServerAddress is set without one (Kurento's default too). */
const DEFAULT_STUN_PORT = 3478;

export class WebRtcEndpoint extends RtpSessionEndpoint {
  /** How long ICE + DTLS may take before the session is reported FAILED (tests shorten it). */
  static connectTimeoutMs = 30_000;
  /**
   * How long processOffer/generateOffer wait for STUN/TURN candidates before answering with those
   * gathered so far; later ones are trickled as IceCandidateFound (undefined: the transport's 1 s).
   */
  static gatheringWaitMs: number | undefined;

  protected readonly requiresIce = true;
  private transport: WebRtcTransport | undefined;
  /** Candidates werift gathered, held until gatherCandidates() (Kurento emits none before). */
  private readonly gathered: IceCandidateInfo[] = [];
  private gatheringComplete = false;
  private gatherRequested = false;
  private gatheringDoneSent = false;
  private iceConnected = false;
  /** Candidates the peer sent before there was a session to add them to. */
  private readonly earlyRemoteCandidates: IceCandidateInfo[] = [];
  private readonly params: Record<string, unknown>;
  private readonly dataChannels = new DataChannelSet({
    emitEvent: (type, fields) => {
      if (!this.released) this.emitEvent(type, fields);
    },
    forward: (label, data) => {
      for (const c of this.pipeline.connections) {
        if (c.source === this && c.mediaType === 'DATA' && c.sink instanceof WebRtcEndpoint) c.sink.receiveData(label, data);
      }
    },
    open: (label) => (this.transport?.pc.sctpTransport ? this.transport.createDataChannel(label, { ordered: true, protocol: '' }) : undefined),
  });

  constructor(pipeline: MediaPipeline, params: Record<string, unknown>) {
    super('WebRtcEndpoint', pipeline, params);
    if (params.recvonly === true && params.sendonly === true) {
      throw new MediaError('MEDIA_OBJECT_ILLEGAL_PARAM_ERROR', 'WebRtcEndpoint: recvonly and sendonly cannot both be true');
    }
    this.propertyValues.set('ICECandidatePairs', []);
    this.propertyValues.set('IceConnectionState', []);
    this.propertyValues.set('DtlsConnectionState', []);
    this.params = params;
  }

  // ---- Kurento's WebRtcEndpoint methods --------------------------------------------

  /** Starts emitting IceCandidateFound for local candidates, then IceGatheringDone. */
  gatherCandidates(): void {
    this.assertAlive();
    if (this.gatherRequested) return;
    this.gatherRequested = true;
    this.emitIceState('GATHERING');
    // Candidates go out after the caller got its answer back (Kurento raises them asynchronously).
    setImmediate(() => this.flushCandidates());
  }

  async addIceCandidate(candidate: IceCandidateInfo): Promise<void> {
    this.assertAlive();
    if (typeof candidate?.candidate !== 'string' || (candidate.candidate !== '' && !/^(a=)?candidate:/.test(candidate.candidate))) {
      throw new MediaError('ICE_ADD_CANDIDATE_ERROR', `${this.describe()}: '${String(candidate?.candidate)}' is not an ICE candidate line`);
    }
    const normalized = { ...candidate, candidate: candidate.candidate.replace(/^a=/, '') };
    if (!this.transport?.remoteSdp()) {
      this.earlyRemoteCandidates.push(normalized);
      return;
    }
    try {
      await this.transport.addIceCandidate(normalized);
    } catch (error) {
      throw new MediaError('ICE_ADD_CANDIDATE_ERROR', `${this.describe()}: cannot add candidate '${candidate.candidate}': ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Kurento's createDataChannel: -1 leaves maxPacketLifeTime / maxRetransmits unset (reliable). */
  createDataChannel(label = '', ordered = true, maxPacketLifeTime = -1, maxRetransmits = -1, protocol = ''): void {
    this.assertAlive();
    this.assertDataChannels();
    if (!this.transport) throw new MediaError('MEDIA_OBJECT_OPERATION_NOT_SUPPORTED', `${this.describe()}: negotiate the session before creating data channels`);
    try {
      const channel = this.transport.createDataChannel(label, {
        ordered,
        protocol,
        maxPacketLifeTime: maxPacketLifeTime >= 0 ? maxPacketLifeTime : undefined,
        maxRetransmits: maxRetransmits >= 0 ? maxRetransmits : undefined,
      });
      this.dataChannels.add(channel);
    } catch (error) {
      throw new MediaError('MEDIA_OBJECT_OPERATION_NOT_SUPPORTED', `${this.describe()}: cannot create data channel '${label}': ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  closeDataChannel(channelId: number): void {
    this.assertAlive();
    this.assertDataChannels();
    const channel = this.dataChannels.byId(channelId);
    if (!channel) {
      const open = this.dataChannels.ids();
      throw new MediaError('MEDIA_OBJECT_ILLEGAL_PARAM_ERROR', `${this.describe()} has no data channel ${channelId}${open.length ? ` (open: ${open.join(', ')})` : ''}`);
    }
    channel.close();
  }

  /** DATA from a connected source: sent on our channel of the same label. */
  receiveData(label: string, data: string | Buffer): void {
    if (!this.released && this.params.useDataChannels === true) this.dataChannels.send(label, data);
  }

  private assertDataChannels(): void {
    if (this.params.useDataChannels !== true) {
      throw new MediaError('MEDIA_OBJECT_OPERATION_NOT_SUPPORTED', `${this.describe()} was created without useDataChannels`);
    }
  }

  /** Kurento's getStats: inbound/outbound RTP records of the session and the endpoint's own record. */
  async getStats(mediaType?: MediaType): Promise<Record<string, Record<string, unknown>>> {
    this.assertAlive();
    const report = await this.peerConnectionStats();
    const video = this.transport?.pc.getTransceivers().find((t) => t.kind === 'video');
    return kurentoStats(this.id, report.values(), mediaType, {
      remb: Number(video?.sender.receiverEstimatedMaxBitrate ?? 0),
      targetBitrate: this.sendBitrateTarget(),
    });
  }

  /** werift's W3C-style statistics of the session (inbound/outbound RTP, NACK, RTT...). */
  async peerConnectionStats(): Promise<Map<string, unknown>> {
    const report = await this.transport?.pc.getStats();
    const out = new Map<string, unknown>();
    report?.forEach((value, key) => out.set(String(key), value));
    return out;
  }

  /** For tests and stats: the transport's counters. */
  get transportStats(): WebRtcTransport['stats'] | undefined {
    return this.transport?.stats;
  }

  // ---- RtpSessionEndpoint hooks -----------------------------------------------------

  protected override directions(): { send: boolean; receive: boolean } {
    return { send: this.params.recvonly !== true, receive: this.params.sendonly !== true };
  }

  protected async answerOffer(offer: string): Promise<string> {
    const answer = await this.freshOnFailure(() => this.session().processOffer(offer));
    await this.addEarlyCandidates();
    return answer;
  }

  protected createOffer(media: Partial<Record<RtpMediaKind, MediaDirection>>): Promise<string> {
    return this.freshOnFailure(() => this.session().generateOffer(media));
  }

  protected async applyAnswer(answer: string): Promise<void> {
    await this.session().processAnswer(answer);
    await this.addEarlyCandidates();
  }

  protected currentSession(): WebRtcTransport | undefined {
    return this.transport;
  }

  protected override onPropertyChanged(name: string): void {
    super.onPropertyChanged(name);
    if (name === 'maxVideoRecvBandwidth') this.transport?.setMaxReceiveBitrate(this.kbps(name) * 1000);
  }

  protected override onRelease(): void {
    void this.transport?.close();
    this.transport = undefined;
    super.onRelease();
  }

  // ---- internals --------------------------------------------------------------------

  /** The werift session, made at the first negotiation so bandwidth properties set before it apply. */
  private session(): WebRtcTransport {
    if (this.transport) return this.transport;
    const maxRecv = this.kbps('maxVideoRecvBandwidth');
    const minRecv = this.kbps('minVideoRecvBandwidth');
    const turn = this.turnServer();
    let relayGathered = false;
    const stunHost = this.stringProperty('stunServerAddress');
    const stunPort = this.propertyValues.get('stunServerPort');
    const transport = new WebRtcTransport(
      {
        direction: this.direction(),
        recvBitrate: {
          startKbps: maxRecv > 0 ? Math.min(maxRecv, DEFAULT_RECV_START_KBPS) : DEFAULT_RECV_START_KBPS,
          minKbps: minRecv > 0 ? minRecv : Math.min(DEFAULT_RECV_MIN_KBPS, maxRecv || DEFAULT_RECV_MIN_KBPS),
          maxKbps: maxRecv > 0 ? maxRecv : DEFAULT_RECV_MAX_KBPS,
        },
        stunServer: stunHost ? { host: stunHost, port: typeof stunPort === 'number' && stunPort > 0 ? stunPort : DEFAULT_STUN_PORT } : undefined,
        turnServer: turn,
        connectTimeoutMs: WebRtcEndpoint.connectTimeoutMs,
        gatheringWaitMs: WebRtcEndpoint.gatheringWaitMs,
        candidates: {
          networkInterfaces: this.stringProperty('networkInterfaces'),
          externalIPv4: this.stringProperty('externalIPv4'),
          externalIPv6: this.stringProperty('externalIPv6'),
        },
      },
      {
        onLocalCandidate: (candidate) => {
          if (/ typ relay /.test(candidate.candidate)) relayGathered = true;
          this.gathered.push(candidate);
          if (this.gatherRequested) setImmediate(() => this.flushCandidates());
        },
        onGatheringDone: () => {
          if (turn && !relayGathered && !this.gatheringComplete && !this.released) {
            // werift gives up on a TURN server quietly; say why the peer gets no relay candidate.
            this.emitError(
              `${this.describe()}: TURN server ${turn.host}:${turn.port} (${turn.transport}) gave no relay candidate: refused the credentials of '${turn.username}', or did not answer`,
              KurentoErrorCode.ICE_GATHER_CANDIDATES_ERROR,
              'ICE_GATHER_CANDIDATES_ERROR',
            );
          }
          this.gatheringComplete = true;
          if (this.gatherRequested) setImmediate(() => this.flushCandidates());
        },
        onIceState: (state) => this.onIceState(state),
        onConnectionState: (state) => this.onPeerState(state),
        onSelectedPair: (pair) => this.onSelectedPair(pair),
        onFrame: (kind, codec, frame, timestampUs) => this.publishFrame(kind, codec, frame, timestampUs),
        onKeyframeRequested: () => this.peerWantsKeyframe(),
        onRemoteEstimate: (bps) => this.peerEstimate(bps),
        onDataChannel: (channel) => {
          if (this.params.useDataChannels === true) this.dataChannels.add(channel);
        },
      },
    );
    if (maxRecv > 0) transport.setMaxReceiveBitrate(maxRecv * 1000);
    this.transport = transport;
    const unknown = new CandidatePolicy({ networkInterfaces: this.stringProperty('networkInterfaces') }).unknownInterfaces();
    if (unknown.length > 0) {
      this.emitError(`${this.describe()}: networkInterfaces names ${unknown.map((n) => `'${n}'`).join(', ')}, not on this machine: no candidates there`, KurentoErrorCode.ICE_GATHER_CANDIDATES_ERROR, 'ICE_GATHER_CANDIDATES_ERROR');
    }
    return transport;
  }

  /**
   * The TURN relay of turnUrl. The catalog's 'turn-url' format refused a malformed one when it
   * was set; like Kurento, it applies to the session made at the first offer/answer.
   */
  private turnServer(): TurnServer | undefined {
    const url = this.stringProperty('turnUrl');
    return url ? parseTurnUrl(url) : undefined;
  }

  private stringProperty(name: string): string | undefined {
    const value = this.propertyValues.get(name);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }

  /** A negotiation that failed half-way leaves no half-configured session behind: the next try starts clean. */
  private async freshOnFailure<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const broken = this.transport;
      this.transport = undefined;
      this.gathered.length = 0;
      this.gatheringComplete = false;
      await broken?.close();
      throw error;
    }
  }

  private async addEarlyCandidates(): Promise<void> {
    for (const candidate of this.earlyRemoteCandidates.splice(0)) {
      await this.transport?.addIceCandidate(candidate).catch((error: unknown) => {
        this.emitError(`${this.describe()}: cannot add candidate '${candidate.candidate}': ${String(error)}`, KurentoErrorCode.ICE_ADD_CANDIDATE_ERROR, 'ICE_ADD_CANDIDATE_ERROR');
      });
    }
  }

  private flushCandidates(): void {
    if (this.released || !this.gatherRequested) return;
    for (const candidate of this.gathered.splice(0)) this.emitEvent('IceCandidateFound', { candidate });
    if (this.gatheringComplete && !this.gatheringDoneSent) {
      this.gatheringDoneSent = true;
      this.emitEvent('IceGatheringDone');
    }
  }

  private onIceState(state: IceState): void {
    // werift reports 'completed' once gathering ends, before any check: not READY yet.
    if (state === 'completed' && !this.iceConnected) return;
    if (state === 'connected') this.iceConnected = true;
    this.emitIceState(ICE_STATE[state]);
    if (state === 'failed') {
      this.emitError(`${this.describe()}: ICE failed: no candidate pair between this endpoint and the peer answered`, KurentoErrorCode.UNEXPECTED_ERROR, 'ICE_CONNECTION_FAILED');
    }
  }

  private emitIceState(state: IceComponentState): void {
    if (this.released) return;
    const current = this.propertyValues.get('IceConnectionState') as { state: string }[];
    if (current[0]?.state === state) return;
    this.propertyValues.set('IceConnectionState', [{ streamId: String(STREAM_ID), componentId: COMPONENT_ID, state }]);
    this.emitEvent('IceComponentStateChanged', { streamId: STREAM_ID, componentId: COMPONENT_ID, state });
  }

  private onPeerState(state: PeerState): void {
    if (this.released) return;
    const dtls = DTLS_STATE[state];
    this.propertyValues.set('DtlsConnectionState', [{ streamId: String(STREAM_ID), componentId: String(COMPONENT_ID), connectionId: this.id, state: dtls }]);
    this.emitEvent('DtlsConnectionStateChange', { streamId: String(STREAM_ID), componentId: String(COMPONENT_ID), connectionId: this.id, state: dtls });
    if (state === 'connected') this.setConnectionState('CONNECTED');
    else if (state === 'disconnected' || state === 'failed' || state === 'closed') this.setConnectionState('DISCONNECTED');
    if (state === 'failed' && this.iceConnected) {
      this.emitError(`${this.describe()}: the DTLS handshake with the peer failed`, KurentoErrorCode.UNEXPECTED_ERROR, 'DTLS_HANDSHAKE_FAILED');
    }
  }

  private onSelectedPair(pair: { local: string; remote: string }): void {
    if (this.released) return;
    const candidatePair = { streamId: String(STREAM_ID), componentId: COMPONENT_ID, localCandidate: pair.local, remoteCandidate: pair.remote };
    this.propertyValues.set('ICECandidatePairs', [candidatePair]);
    this.emitEvent('NewCandidatePairSelected', { candidatePair });
  }
}
