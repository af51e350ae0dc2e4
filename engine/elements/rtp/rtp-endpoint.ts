/**
 * Kurento's RtpEndpoint: plain RTP with SDP offer/answer, so FFmpeg (rtp muxer / sdp demuxer),
 * GStreamer (udpsrc/udpsink + rtpbin) or another media server can send to and receive from a
 * pipeline. No ICE and no DTLS. With the `crypto` param (Kurento's SDES) the media is SRTP,
 * keys exchanged in the SDP's a=crypto lines (AES_128_CM_HMAC_SHA1_80, what werift implements).
 */
import { KurentoErrorCode, MediaError } from '../../errors.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { PlainRtpTransport, SDES_KEY_BYTES } from '../../webrtc/plain-rtp-transport.ts';
import type { RtpMediaKind } from '../../webrtc/rtp-codecs.ts';
import { RtpSessionEndpoint, type MediaDirection } from './rtp-session-endpoint.ts';

export class RtpEndpoint extends RtpSessionEndpoint {
  protected readonly requiresIce = false;
  private transport: PlainRtpTransport | undefined;
  private readonly ipv6: boolean;
  private readonly srtpKey: Buffer | undefined;

  constructor(pipeline: MediaPipeline, params: Record<string, unknown>) {
    super('RtpEndpoint', pipeline, params);
    this.srtpKey = sdesKey(params.crypto as Sdes | undefined);
    this.ipv6 = params.useIpv6 === true;
  }

  /** For tests and stats: the transport's counters. */
  get transportStats(): PlainRtpTransport['stats'] | undefined {
    return this.transport?.stats;
  }

  protected async answerOffer(offer: string): Promise<string> {
    return this.freshOnFailure(() => this.session().processOffer(offer));
  }

  protected createOffer(media: Partial<Record<RtpMediaKind, MediaDirection>>): Promise<string> {
    return this.freshOnFailure(() => this.session().generateOffer(media));
  }

  protected applyAnswer(answer: string): Promise<void> {
    this.session().processAnswer(answer);
    return Promise.resolve();
  }

  protected override onNegotiated(): void {
    // Plain RTP has no handshake: the session is up once both sides know the ports.
    this.setConnectionState('CONNECTED');
  }

  protected currentSession(): PlainRtpTransport | undefined {
    return this.transport;
  }

  protected override onRelease(): void {
    this.transport?.close();
    this.transport = undefined;
    super.onRelease();
  }

  private session(): PlainRtpTransport {
    this.transport ??= new PlainRtpTransport(
      { direction: this.direction(), ipv6: this.ipv6, srtpKey: this.srtpKey, maxPayloadSize: Math.max(200, Number(this.propertyValues.get('mtu') ?? 1200) - 100) },
      {
        onFrame: (kind, codec, frame, timestampUs) => this.publishFrame(kind, codec, frame, timestampUs),
        onKeyframeRequested: () => this.peerWantsKeyframe(),
        onError: (message) => this.emitError(`${this.describe()}: ${message}`, KurentoErrorCode.UNEXPECTED_ERROR, 'RTP_SOCKET_ERROR'),
      },
    );
    return this.transport;
  }

  private async freshOnFailure<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.transport?.close();
      this.transport = undefined;
      throw error;
    }
  }
}

/** Kurento's SDES param: a 30-byte master key + salt, as text or base64, and the suite. */
interface Sdes {
  key?: string;
  keyBase64?: string;
  crypto?: string;
}

function sdesKey(sdes: Sdes | undefined): Buffer | undefined {
  if (!sdes?.key && !sdes?.keyBase64) return undefined;
  const suite = sdes.crypto ?? 'AES_128_CM_HMAC_SHA1_80';
  if (suite !== 'AES_128_CM_HMAC_SHA1_80') {
    throw new MediaError('NOT_IMPLEMENTED', `RtpEndpoint: crypto suite ${suite} is not supported; use AES_128_CM_HMAC_SHA1_80`);
  }
  const key = sdes.keyBase64 ? Buffer.from(sdes.keyBase64, 'base64') : Buffer.from(sdes.key ?? '', 'latin1');
  if (key.length !== SDES_KEY_BYTES) {
    throw new MediaError('MEDIA_OBJECT_ILLEGAL_PARAM_ERROR', `RtpEndpoint: the SRTP master key and salt must be ${SDES_KEY_BYTES} bytes, got ${key.length}`);
  }
  return key;
}
