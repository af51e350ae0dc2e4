/**
 * MediaOutlet: one per (element, source pad, media type), Kurento's agnosticbin.
 * The element publishes units in its native form; every attached inlet gets the cheapest form
 * it accepts:
 *   1. the native encoded unit when the inlet takes that codec (pass-through, nothing decoded),
 *   2. decoded frames when it takes raw (ONE decoder per outlet, made on demand),
 *   3. else units encoded in its preferred codec (ONE encoder per codec, fanned out).
 * Codecs are released as soon as no inlet needs them.
 */
import type { InletLink, MediaInlet } from './media-inlet.ts';
import type { AvMediaType, Codec, EncodedUnit, MediaUnit, RawUnit } from './media-unit.ts';
import { UnitDecoder } from './unit-decoder.ts';
import { UnitEncoder, type EncoderSettings } from './unit-encoder.ts';

type Route = { kind: 'pass' } | { kind: 'raw' } | { kind: 'encode'; codec: Codec };
/** What routing looks at in a unit. */
type UnitShape = { kind: MediaUnit['kind']; codec?: Codec };

interface Attachment {
  inlet: MediaInlet;
  route?: Route;
}

export interface OutletOptions {
  /** For error messages: which element and pad. */
  label?: string;
  /** Encoder settings for transcoded outputs (bitrate etc.). */
  encoder?: Partial<EncoderSettings>;
  /** Called when a codec fails (bad stream); the element turns it into an Error event. */
  onError?: (message: string) => void;
  /** Called when the outlet starts or stops transcoding (Kurento's MediaTranscodingStateChanged). */
  onTranscoding?: (transcoding: boolean) => void;
}

export class MediaOutlet {
  private readonly attachments = new Set<Attachment>();
  private readonly keyframeListeners = new Set<() => void>();
  private decoder: UnitDecoder | undefined;
  private readonly encoders = new Map<Codec, UnitEncoder>();
  private lastNative: 'encoded' | 'raw' | undefined;
  /** The form of the last unit published, to route a newly attached inlet before the next unit. */
  private lastShape: UnitShape | undefined;
  private closed = false;
  private transcoding = false;
  private encoderSettings: Partial<EncoderSettings>;

  constructor(
    readonly mediaType: AvMediaType,
    private readonly options: OutletOptions = {},
  ) {
    this.encoderSettings = { ...options.encoder };
  }

  get label(): string {
    return this.options.label ?? `${this.mediaType} outlet`;
  }

  get inletCount(): number {
    return this.attachments.size;
  }

  /** True while some inlet gets media through a decoder or an encoder of this outlet. */
  isTranscoding(): boolean {
    return this.decoder !== undefined || this.encoders.size > 0;
  }

  /** Pushes one unit in the element's native form. */
  publish(unit: MediaUnit): void {
    if (this.closed || unit.mediaType !== this.mediaType) return;
    this.lastNative = unit.kind === 'encoded' ? 'encoded' : 'raw';
    this.lastShape = unit.kind === 'encoded' ? { kind: 'encoded', codec: unit.codec } : { kind: unit.kind };
    try {
      this.route(unit);
    } finally {
      this.reportTranscoding();
    }
  }

  private route(unit: MediaUnit): void {
    let needRaw = false;
    for (const a of this.attachments) {
      a.route = this.routeFor(a.inlet, unit);
      if (a.route.kind === 'pass') deliver(a.inlet, unit);
      else needRaw = true;
    }
    this.releaseUnusedCodecs();
    if (!needRaw) return;
    if (unit.kind === 'encoded') this.decoderFor(unit.codec).push(unit);
    else this.fanOutRaw(unit);
  }

  /** Connects a sink's inlet; the returned function detaches it. */
  attach(inlet: MediaInlet): InletLink {
    if (inlet.mediaType !== this.mediaType) {
      throw new Error(`${this.label}: cannot attach a ${inlet.mediaType} inlet to a ${this.mediaType} outlet`);
    }
    // Route it now if the form of the media is known, so a keyframe request reaches the right codec.
    const attachment: Attachment = { inlet, route: this.lastShape ? this.routeFor(inlet, this.lastShape) : undefined };
    this.attachments.add(attachment);
    // A new consumer needs a keyframe to start from.
    this.requestKeyframeFor(attachment);
    const detach = (() => {
      if (!this.attachments.delete(attachment)) return;
      this.releaseUnusedCodecs();
      this.reportTranscoding();
    }) as InletLink;
    detach.requestKeyframe = () => this.requestKeyframeFor(attachment);
    return detach;
  }

  /** The element learns that a consumer needs a keyframe (send PLI upstream, force an IDR). */
  onKeyframeRequest(listener: () => void): () => void {
    this.keyframeListeners.add(listener);
    return () => this.keyframeListeners.delete(listener);
  }

  /** Changes the target bitrate of the transcoding encoders (and of those made later). */
  setEncoderBitrate(bitsPerSecond: number): void {
    this.encoderSettings = { ...this.encoderSettings, bitrate: bitsPerSecond };
    for (const encoder of this.encoders.values()) encoder.setBitrate(bitsPerSecond);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.attachments.clear();
    this.lastShape = undefined;
    this.keyframeListeners.clear();
    this.releaseUnusedCodecs();
    this.transcoding = false;
  }

  // ---- internals -------------------------------------------------------------

  private routeFor(inlet: MediaInlet, unit: UnitShape): Route {
    const { encoded, raw } = inlet.accepts;
    if (unit.kind === 'encoded' && unit.codec && (encoded === 'any' || encoded?.includes(unit.codec))) return { kind: 'pass' };
    if (unit.kind !== 'encoded' && encoded === 'any' && !raw) {
      // Takes anything encoded but no raw: give it the first codec of this media type.
      return { kind: 'encode', codec: this.mediaType === 'VIDEO' ? 'VP8' : 'OPUS' };
    }
    if (raw) return { kind: unit.kind === 'encoded' ? 'raw' : 'pass' };
    const codec = Array.isArray(encoded) ? (encoded as readonly Codec[])[0] : undefined;
    if (codec === undefined) return { kind: 'raw' };
    return { kind: 'encode', codec };
  }

  private decoderFor(codec: Codec): UnitDecoder {
    if (this.decoder && this.decoder.codec !== codec) {
      this.decoder.close();
      this.decoder = undefined;
    }
    if (!this.decoder) {
      this.decoder = new UnitDecoder(codec, {
        onFrame: (raw) => this.fanOutRaw(raw),
        onNeedKeyframe: () => this.emitKeyframeRequest(),
        onError: (message) => this.options.onError?.(`${this.label}: ${message}`),
      });
    }
    return this.decoder;
  }

  /** Delivers a decoded (or natively raw) frame to raw inlets and to the encoders that need it. */
  private fanOutRaw(raw: RawUnit): void {
    if (this.closed) return;
    const codecs = new Set<Codec>();
    for (const a of this.attachments) {
      // 'raw' routes exist only when the native form is encoded (raw natives pass through).
      if (a.route?.kind === 'raw') deliver(a.inlet, raw);
      else if (a.route?.kind === 'encode') codecs.add(a.route.codec);
    }
    for (const codec of codecs) this.encoderFor(codec).push(raw);
  }

  private encoderFor(codec: Codec): UnitEncoder {
    let encoder = this.encoders.get(codec);
    if (!encoder) {
      encoder = new UnitEncoder(codec, this.encoderSettings, {
        onUnit: (unit) => this.deliverEncoded(codec, unit),
        onError: (message) => this.options.onError?.(`${this.label}: ${message}`),
      });
      this.encoders.set(codec, encoder);
    }
    return encoder;
  }

  private deliverEncoded(codec: Codec, unit: EncodedUnit): void {
    if (this.closed) return;
    for (const a of this.attachments) {
      if (a.route?.kind === 'encode' && a.route.codec === codec) deliver(a.inlet, unit);
    }
  }

  private requestKeyframeFor(attachment: Attachment): void {
    const route = attachment.route;
    if (route?.kind === 'encode') this.encoders.get(route.codec)?.forceKeyframe();
    else if (this.lastNative !== 'raw') this.emitKeyframeRequest();
  }

  private reportTranscoding(): void {
    const now = this.isTranscoding();
    if (now === this.transcoding) return;
    this.transcoding = now;
    this.options.onTranscoding?.(now);
  }

  private emitKeyframeRequest(): void {
    for (const listener of this.keyframeListeners) listener();
  }

  private releaseUnusedCodecs(): void {
    const wanted = new Set<Codec>();
    let decoderNeeded = false;
    for (const a of this.attachments) {
      if (!a.route || a.route.kind === 'pass') continue;
      if (this.lastNative === 'encoded') decoderNeeded = true;
      if (a.route.kind === 'encode') wanted.add(a.route.codec);
    }
    if (!decoderNeeded && this.decoder) {
      this.decoder.close();
      this.decoder = undefined;
    }
    for (const [codec, encoder] of this.encoders) {
      if (!wanted.has(codec)) {
        encoder.close();
        this.encoders.delete(codec);
      }
    }
  }
}

/** A sink's failure must not break the source or the other sinks. */
function deliver(inlet: MediaInlet, unit: MediaUnit): void {
  try {
    inlet.receive(unit);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
