/**
 * What RtpEndpoint and WebRtcEndpoint share (Kurento's SdpEndpoint + BaseRtpEndpoint):
 * the offer/answer state machine with Kurento's SDP error codes, the connection and media
 * state events, and the media bridge between the pipeline and the RTP session:
 *  - frames received from the peer are published, encoded as they came, on the source pads;
 *  - the sink pads take encoded VP8/H.264/Opus in the negotiated codec (pass-through: a
 *    loopback never transcodes; anything else is encoded once by the source's outlet);
 *  - keyframe requests travel both ways (a consumer joins → PLI to the peer; the peer sends
 *    PLI/FIR → ask whoever feeds our sink pad);
 *  - the send bandwidth (REMB from the peer, clamped to min/maxVideoSendBandwidth) becomes
 *    the target bitrate of the encoder that feeds us.
 */
import { MediaError, type KurentoErrorName } from '../../errors.ts';
import type { InletAccepts, MediaInlet } from '../../media/media-inlet.ts';
import type { AvMediaType, Codec, EncodedUnit, MediaUnit } from '../../media/media-unit.ts';
import { MediaElement, type Connection } from '../../model/media-element.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import type { AssembledFrame } from '../../webrtc/frame-assembler.ts';
import type { RtpCodecInfo, RtpMediaKind } from '../../webrtc/rtp-codecs.ts';
import { checkRemoteSdp } from '../../webrtc/sdp-check.ts';

export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly';

/** What the WebRTC and plain RTP transports both offer the endpoint. */
export interface SessionTransport {
  localSdp(): string;
  remoteSdp(): string;
  sendCodec(kind: RtpMediaKind): RtpCodecInfo | undefined;
  sendFrame(kind: RtpMediaKind, codecName: string, data: Buffer, timestampUs: number, colorSpace?: Buffer): boolean;
  requestKeyframe(): void;
}
type Negotiation = 'none' | 'offer-generated' | 'negotiated';
type TwoState = 'DISCONNECTED' | 'CONNECTED';

const KIND_OF: Record<AvMediaType, RtpMediaKind> = { AUDIO: 'audio', VIDEO: 'video' };
const DEFAULT_ACCEPTS: Record<AvMediaType, Codec[]> = { VIDEO: ['VP8', 'H264'], AUDIO: ['OPUS'] };

export abstract class RtpSessionEndpoint extends MediaElement {
  private negotiation: Negotiation = 'none';
  private sendEstimateBps = 0;
  private lastBitrateTarget = 0;
  private sessionStarted = false;

  constructor(type: string, pipeline: MediaPipeline, params: Record<string, unknown>) {
    super(type, pipeline, pipeline, params);
    this.propertyValues.set('mediaState', 'DISCONNECTED');
    this.propertyValues.set('connectionState', 'DISCONNECTED');
    for (const mediaType of ['AUDIO', 'VIDEO'] as const) {
      this.media.setInlet(this.sinkInlet(mediaType));
      // A consumer joined or a decoder started downstream: ask the peer for a keyframe.
      if (mediaType === 'VIDEO') this.media.outlet(mediaType)?.onKeyframeRequest(() => this.requestPeerKeyframe());
    }
  }

  // ---- what a concrete endpoint provides ---------------------------------------

  /** WebRTC needs ICE credentials and a DTLS fingerprint in remote SDPs; plain RTP does not. */
  protected abstract readonly requiresIce: boolean;
  protected abstract answerOffer(offer: string): Promise<string>;
  protected abstract createOffer(media: Partial<Record<RtpMediaKind, MediaDirection>>): Promise<string>;
  protected abstract applyAnswer(answer: string): Promise<void>;
  /** The RTP session once negotiation has started. */
  protected abstract currentSession(): SessionTransport | undefined;

  // ---- Kurento's SdpEndpoint -----------------------------------------------------

  async processOffer(offer: string): Promise<string> {
    this.assertAlive();
    if (this.negotiation !== 'none') {
      throw new MediaError('SDP_END_POINT_ALREADY_NEGOTIATED', `${this.describe()}: the SDP negotiation is already ${this.negotiation === 'negotiated' ? 'done' : 'under way (an offer was generated)'}`);
    }
    this.checkSdp(offer, 'SDP_END_POINT_PROCESS_OFFER_ERROR');
    const answer = await this.wrap('SDP_END_POINT_PROCESS_OFFER_ERROR', 'cannot process the offer', () => this.answerOffer(offer));
    this.negotiation = 'negotiated';
    this.onNegotiated();
    return answer;
  }

  async generateOffer(options?: { offerToReceiveAudio?: boolean; offerToReceiveVideo?: boolean }): Promise<string> {
    this.assertAlive();
    if (this.negotiation !== 'none') {
      throw new MediaError('SDP_END_POINT_ALREADY_NEGOTIATED', `${this.describe()}: an offer was already generated or the negotiation is done`);
    }
    // As in Kurento, offerToReceiveX=false leaves that media out of the offer.
    const media: Partial<Record<RtpMediaKind, MediaDirection>> = {};
    if (options?.offerToReceiveAudio !== false) media.audio = this.direction();
    if (options?.offerToReceiveVideo !== false) media.video = this.direction();
    if (Object.keys(media).length === 0) {
      throw new MediaError('SDP_END_POINT_GENERATE_OFFER_ERROR', `${this.describe()}: nothing to offer (no media to send or receive)`);
    }
    const offer = await this.wrap('SDP_END_POINT_GENERATE_OFFER_ERROR', 'cannot generate an offer', () => this.createOffer(media));
    this.negotiation = 'offer-generated';
    return offer;
  }

  async processAnswer(answer: string): Promise<string> {
    this.assertAlive();
    if (this.negotiation === 'none') {
      throw new MediaError('SDP_END_POINT_NOT_OFFER_GENERATED', `${this.describe()}: processAnswer needs an offer made by generateOffer first`);
    }
    if (this.negotiation === 'negotiated') {
      throw new MediaError('SDP_END_POINT_ANSWER_ALREADY_PROCCESED', `${this.describe()}: an answer was already processed`);
    }
    this.checkSdp(answer, 'SDP_END_POINT_PROCESS_ANSWER_ERROR');
    await this.wrap('SDP_END_POINT_PROCESS_ANSWER_ERROR', 'cannot process the answer', () => this.applyAnswer(answer));
    this.negotiation = 'negotiated';
    this.onNegotiated();
    return this.localSdp();
  }

  getLocalSessionDescriptor(): string {
    const sdp = this.negotiation === 'none' ? '' : this.localSdp();
    if (!sdp) throw new MediaError('SDP_END_POINT_NO_LOCAL_SDP_ERROR', `${this.describe()} has no local SDP yet (call generateOffer or processOffer)`);
    return sdp;
  }

  getRemoteSessionDescriptor(): string {
    const sdp = this.negotiation === 'negotiated' ? this.remoteSdp() : '';
    if (!sdp) throw new MediaError('SDP_END_POINT_NO_REMOTE_SDP_ERROR', `${this.describe()} has no remote SDP yet (the negotiation is not complete)`);
    return sdp;
  }

  /** Kurento's BaseRtpEndpoint.requestKeyframe: ask whoever feeds this endpoint for a keyframe. */
  requestKeyframe(): void {
    this.assertAlive();
    this.media.requestKeyframe('VIDEO');
  }

  // ---- for concrete endpoints ----------------------------------------------------

  /** Hook after a completed negotiation (start sockets, timers...). */
  protected onNegotiated(): void {}

  /** Which ways media goes, from the constructor params (WebRtcEndpoint's recvonly/sendonly). */
  protected directions(): { send: boolean; receive: boolean } {
    return { send: true, receive: true };
  }

  protected direction(): MediaDirection {
    const { send, receive } = this.directions();
    return send && receive ? 'sendrecv' : send ? 'sendonly' : 'recvonly';
  }

  /** Publishes a frame received from the peer, as it came (no decoding). */
  protected publishFrame(kind: RtpMediaKind, codec: RtpCodecInfo, frame: AssembledFrame, timestampUs: number): void {
    if (this.released) return;
    const mediaType: AvMediaType = kind === 'video' ? 'VIDEO' : 'AUDIO';
    const unit: EncodedUnit = {
      kind: 'encoded',
      mediaType,
      codec: codec.name,
      data: frame.data,
      timestampUs,
      keyframe: frame.keyframe,
      ...(frame.width ? { width: frame.width, height: frame.height } : {}),
      ...(kind === 'audio' ? { sampleRate: codec.clockRate, channels: codec.channels ?? 1 } : {}),
      ...(frame.colorSpace ? { colorSpace: frame.colorSpace } : {}),
    };
    this.setMediaState('CONNECTED');
    this.media.outlet(mediaType)?.publish(unit);
  }

  /** The bitrate (bps) last asked of the encoder feeding our video sink; 0 before any. */
  protected sendBitrateTarget(): number {
    return this.lastBitrateTarget;
  }

  /** The peer asked for a keyframe of what we send: pass it upstream. */
  protected peerWantsKeyframe(): void {
    if (!this.released) this.media.requestKeyframe('VIDEO');
  }

  /** The peer's REMB estimate of what we send (bps): retarget the encoder feeding us. */
  protected peerEstimate(bitsPerSecond: number): void {
    this.sendEstimateBps = bitsPerSecond;
    this.applySendBitrate();
  }

  protected setConnectionState(state: TwoState): void {
    const old = this.propertyValues.get('connectionState') as TwoState;
    if (old === state || this.released) return;
    this.propertyValues.set('connectionState', state);
    this.emitEvent('ConnectionStateChanged', { oldState: old, newState: state });
    if (state === 'CONNECTED') {
      // What we send starts here: the peer's decoder needs a keyframe first.
      this.media.requestKeyframe('VIDEO');
      this.applySendBitrate(true);
    } else {
      this.setMediaState('DISCONNECTED');
    }
  }

  protected setMediaState(state: TwoState): void {
    const old = this.propertyValues.get('mediaState') as TwoState;
    if (old === state || this.released) return;
    this.propertyValues.set('mediaState', state);
    this.emitEvent('MediaStateChanged', { oldState: old, newState: state });
    if (state === 'CONNECTED' && !this.sessionStarted) {
      this.sessionStarted = true;
      this.emitEvent('MediaSessionStarted');
    } else if (state === 'DISCONNECTED' && this.sessionStarted) {
      this.sessionStarted = false;
      this.emitEvent('MediaSessionTerminated');
    }
  }

  /** A property in kbps as a number (0 when unset). */
  protected kbps(name: string): number {
    const value = this.propertyValues.get(name);
    return typeof value === 'number' && value > 0 ? value : 0;
  }

  protected override onSourceConnected(connection: Connection): void {
    super.onSourceConnected(connection);
    if (connection.mediaType === 'VIDEO') this.applySendBitrate(true);
  }

  protected override onPropertyChanged(name: string): void {
    if (name === 'maxVideoSendBandwidth' || name === 'minVideoSendBandwidth') this.applySendBitrate();
  }

  // ---- the session, through its common surface --------------------------------------

  protected localSdp(): string {
    return this.currentSession()?.localSdp() ?? '';
  }

  protected remoteSdp(): string {
    return this.currentSession()?.remoteSdp() ?? '';
  }

  /** The codec negotiated for sending a media kind, if we send it. */
  protected sendCodec(kind: RtpMediaKind): RtpCodecInfo | undefined {
    return this.currentSession()?.sendCodec(kind);
  }

  protected requestPeerKeyframe(): void {
    this.currentSession()?.requestKeyframe();
  }

  // ---- internals -----------------------------------------------------------------

  private sinkInlet(mediaType: AvMediaType): MediaInlet {
    const kind = KIND_OF[mediaType];
    // Before the negotiation any supported codec; after it, exactly the negotiated one.
    const accepts = (): InletAccepts => {
      const codec = this.sendCodec(kind);
      return { encoded: codec ? [codec.name] : DEFAULT_ACCEPTS[mediaType] };
    };
    return {
      mediaType,
      get accepts() {
        return accepts();
      },
      receive: (unit: MediaUnit) => {
        if (unit.kind !== 'encoded' || this.released) return;
        if (this.sendCodec(kind)?.name !== unit.codec) return;
        this.currentSession()?.sendFrame(kind, unit.codec, unit.data, unit.timestampUs, unit.colorSpace);
      },
    };
  }

  /**
   * Target = the peer's estimate clamped to [min, max]VideoSendBandwidth (kbps; 0 = no bound),
   * applied to the outlets feeding our video sink. `force` re-applies an unchanged target
   * (a new source, a new connection).
   */
  private applySendBitrate(force = false): void {
    const max = this.kbps('maxVideoSendBandwidth') * 1000;
    const min = this.kbps('minVideoSendBandwidth') * 1000;
    let target = this.sendEstimateBps > 0 ? this.sendEstimateBps : max;
    if (max > 0) target = Math.min(target, max);
    if (min > 0) target = Math.max(target, min);
    if (target <= 0 || (!force && Math.abs(target - this.lastBitrateTarget) < this.lastBitrateTarget * 0.05)) return;
    this.lastBitrateTarget = target;
    for (const c of this.pipeline.connections) {
      if (c.sink === this && c.mediaType === 'VIDEO') c.source.getOutlet('VIDEO', c.sourceDescription)?.setEncoderBitrate(target);
    }
  }

  private checkSdp(sdp: string, errorType: KurentoErrorName): void {
    try {
      checkRemoteSdp(sdp, errorType, { requireIce: this.requiresIce });
    } catch (error) {
      if (error instanceof MediaError) throw new MediaError(error.type, `${this.describe()}: ${error.message}`);
      throw error;
    }
  }

  private async wrap<T>(errorType: KurentoErrorName, what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof MediaError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new MediaError(errorType, `${this.describe()}: ${what}: ${reason}`, { cause: error });
    }
  }
}
