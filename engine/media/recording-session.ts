/**
 * RecordingSession: one recording into one file. Waits for the first unit of every expected
 * track (video from a keyframe) before writing the header, since a container needs all its
 * tracks up front; gives up waiting for a silent track after TRACK_WAIT_MS. Then writes units
 * in order through a bounded queue, with pauses cut out of the timeline.
 */
import { FileMuxer, type MuxTrack, type TrackStats } from './file-muxer.ts';
import { h264ParameterSets, h264Size, vp8KeyframeSize } from './bitstream.ts';
import type { AvMediaType, Codec, EncodedUnit } from './media-unit.ts';
import { parseColorSpace } from '../webrtc/color-space-payload.ts';

export interface RecordingProfile {
  /** FFmpeg muxer name. */
  format: 'webm' | 'matroska' | 'mp4';
  video?: readonly Codec[];
  audio?: readonly Codec[];
}

export interface SessionEvents {
  /** The header is written: the file exists and is being recorded. */
  onStarted: () => void;
  onError: (message: string) => void;
  requestKeyframe: () => void;
}

const TRACK_WAIT_MS = 2000;
/** While video waits for its keyframe, ask again this often (a single request may be lost or ignored). */
const KEYFRAME_RETRY_MS = 500;
const MAX_QUEUE = 600;
/** Tracks whose first timestamps lie further apart come from unrelated clocks. */
const SAME_CLOCK_US = 5_000_000;

export class RecordingSession {
  private muxer: FileMuxer | undefined;
  private readonly pending: EncodedUnit[] = [];
  private readonly firstUnit = new Map<AvMediaType, { ts: number; arrivedMs: number; unit: EncodedUnit }>();
  private waitTimer: NodeJS.Timeout | undefined;
  private opening: Promise<void> | undefined;
  private writeChain: Promise<void> = Promise.resolve();
  private queued = 0;
  private offsets = new Map<AvMediaType, number>();
  private paused = false;
  private resumeFrom: number | undefined;
  private lastRelative = 0;
  private videoNeedsKeyframe = true;
  private keyframeAskedMs = Date.now();
  private closed = false;
  private failed = false;

  constructor(
    readonly path: string,
    private readonly profile: RecordingProfile,
    private readonly expected: readonly AvMediaType[],
    private readonly events: SessionEvents,
  ) {
    if (expected.includes('VIDEO')) events.requestKeyframe();
  }

  get stats(): ReadonlyMap<AvMediaType, TrackStats> {
    return this.muxer?.stats ?? new Map();
  }

  push(unit: EncodedUnit): void {
    if (this.closed || this.failed || !this.expected.includes(unit.mediaType)) return;
    if (this.paused) return;
    if (unit.mediaType === 'VIDEO' && this.videoNeedsKeyframe) {
      if (!unit.keyframe) {
        this.askForKeyframe(false);
        return;
      }
      this.videoNeedsKeyframe = false;
    }
    if (!this.muxer) {
      this.collect(unit);
      return;
    }
    this.enqueue(unit);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.resumeFrom = this.lastRelative;
    this.videoNeedsKeyframe = this.expected.includes('VIDEO');
    if (this.videoNeedsKeyframe) this.askForKeyframe(true);
  }

  private askForKeyframe(now: boolean): void {
    if (!now && Date.now() - this.keyframeAskedMs < KEYFRAME_RETRY_MS) return;
    this.keyframeAskedMs = Date.now();
    this.events.requestKeyframe();
  }

  /** Writes what is queued and the trailer; resolves when the file is complete. */
  async finish(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.waitTimer);
    if (!this.muxer && !this.opening && this.firstUnit.size > 0) this.open();
    await this.opening;
    await this.writeChain;
    await this.muxer?.finish().catch((error: Error) => this.fail(error.message));
  }

  // ---- before the header -----------------------------------------------------

  private collect(unit: EncodedUnit): void {
    if (!this.firstUnit.has(unit.mediaType)) {
      this.firstUnit.set(unit.mediaType, { ts: unit.timestampUs, arrivedMs: Date.now(), unit });
      if (this.firstUnit.size === 1) {
        this.waitTimer = setTimeout(() => this.open(), TRACK_WAIT_MS);
        this.waitTimer.unref();
      }
    }
    if (this.pending.length < MAX_QUEUE) this.pending.push(unit);
    if (this.expected.every((t) => this.firstUnit.has(t))) this.open();
  }

  private open(): void {
    if (this.opening) return;
    clearTimeout(this.waitTimer);
    this.startAudioWithVideo();
    this.computeOffsets();
    const tracks = [...this.firstUnit.values()].map(({ unit }) => trackOf(unit));
    this.opening = FileMuxer.open(this.path, this.profile.format, tracks).then(
      (muxer) => {
        this.muxer = muxer;
        this.events.onStarted();
        const buffered = this.pending.splice(0).sort((a, b) => this.relative(a) - this.relative(b));
        for (const unit of buffered) this.enqueue(unit);
      },
      (error: Error) => this.fail(`${this.path}: ${error.message}`),
    );
  }

  /** The file starts at the first video keyframe: audio from before it is left out (A/V start together). */
  private startAudioWithVideo(): void {
    const video = this.firstUnit.get('VIDEO');
    const audio = this.firstUnit.get('AUDIO');
    if (!video || !audio || audio.ts >= video.ts || video.ts - audio.ts > SAME_CLOCK_US) return;
    const kept = this.pending.filter((u) => u.mediaType !== 'AUDIO' || u.timestampUs >= video.ts);
    this.pending.splice(0, this.pending.length, ...kept);
    const firstAudio = kept.find((u) => u.mediaType === 'AUDIO');
    if (firstAudio) this.firstUnit.set('AUDIO', { ts: firstAudio.timestampUs, arrivedMs: audio.arrivedMs, unit: firstAudio });
  }

  /** Maps each track's clock onto the recording's timeline (starting at 0). */
  private computeOffsets(): void {
    const firsts = [...this.firstUnit.entries()];
    const minTs = Math.min(...firsts.map(([, f]) => f.ts));
    const maxTs = Math.max(...firsts.map(([, f]) => f.ts));
    const sameClock = maxTs - minTs < SAME_CLOCK_US;
    const firstArrival = Math.min(...firsts.map(([, f]) => f.arrivedMs));
    for (const [type, f] of firsts) {
      // One clock: keep the tracks' relative timing. Unrelated clocks: align by arrival.
      this.offsets.set(type, sameClock ? minTs : f.ts - (f.arrivedMs - firstArrival) * 1000);
    }
  }

  // ---- writing ---------------------------------------------------------------

  private relative(unit: EncodedUnit): number {
    return unit.timestampUs - (this.offsets.get(unit.mediaType) ?? unit.timestampUs);
  }

  private enqueue(unit: EncodedUnit): void {
    if (!this.muxer?.hasTrack(unit.mediaType)) return;
    if (this.resumeFrom !== undefined) {
      // Cut the pause out: the first unit after resuming follows the last one before it.
      const gap = this.relative(unit) - this.resumeFrom - 20_000;
      if (gap > 0) for (const [type, offset] of this.offsets) this.offsets.set(type, offset + gap);
      this.resumeFrom = undefined;
    }
    const at = this.relative(unit);
    if (at < 0) return;
    this.lastRelative = Math.max(this.lastRelative, at);
    if (this.queued >= MAX_QUEUE) return;
    this.queued++;
    const muxer = this.muxer;
    this.writeChain = this.writeChain
      .then(() => (this.failed ? undefined : muxer.write(unit, at)))
      .catch((error: Error) => this.fail(error.message))
      .finally(() => this.queued--);
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.events.onError(message);
  }
}

function trackOf(unit: EncodedUnit): MuxTrack {
  const extradata = unit.extradata ?? (unit.codec === 'H264' ? h264ParameterSets(unit.data) : undefined);
  // Sources that do not know the picture size (RTP) leave it to the bitstream.
  const size = unit.width ? undefined : unit.codec === 'VP8' ? vp8KeyframeSize(unit.data) : unit.codec === 'H264' ? h264Size(unit.data) : undefined;
  return {
    mediaType: unit.mediaType,
    codec: unit.codec,
    width: unit.width ?? size?.width,
    height: unit.height ?? size?.height,
    sampleRate: unit.sampleRate,
    channels: unit.channels,
    extradata,
    // The sender's colour description (a WebRTC color-space extension, or our encoder's): the
    // file must say it too, or a player reads full-range pixels as limited (washed out).
    colors: unit.colorSpace && parseColorSpace(unit.colorSpace),
  };
}
