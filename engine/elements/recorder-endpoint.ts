/**
 * RecorderEndpoint: records its sinks into a file (WebM/MP4, with or without audio/video).
 * Its inlets take the profile's codecs encoded, so a source already in that codec is written
 * untouched and anything else is encoded once by the source's outlet. record/pause/stop as
 * Kurento's UriEndpoint; the file is complete (trailer written) when Stopped is raised.
 */
import { allEvents } from '../catalog/catalog.ts';
import { KurentoErrorCode, MediaError } from '../errors.ts';
import { inlet } from '../media/media-inlet.ts';
import type { AvMediaType, EncodedUnit } from '../media/media-unit.ts';
import type { TrackStats } from '../media/file-muxer.ts';
import { RecordingSession, type RecordingProfile } from '../media/recording-session.ts';
import { MediaElement } from '../model/media-element.ts';
import type { MediaPipeline } from '../model/media-pipeline.ts';
import { checkWritable, recordingTarget, type RecordingTarget } from './recording-path.ts';

const WEBM_VIDEO = ['VP8', 'VP9'] as const;
const WEBM_AUDIO = ['OPUS'] as const;
const MP4_VIDEO = ['H264'] as const;
/** AAC: what every MP4 player plays (Opus in MP4 is not universal); Opus from WebRTC is transcoded. */
const MP4_AUDIO = ['AAC'] as const;
const MKV_VIDEO = ['VP8', 'VP9', 'H264'] as const;
const MKV_AUDIO = ['OPUS', 'AAC'] as const;

export const RECORDING_PROFILES: Record<string, RecordingProfile> = {
  WEBM: { format: 'webm', video: WEBM_VIDEO, audio: WEBM_AUDIO },
  WEBM_VIDEO_ONLY: { format: 'webm', video: WEBM_VIDEO },
  WEBM_AUDIO_ONLY: { format: 'webm', audio: WEBM_AUDIO },
  MKV: { format: 'matroska', video: MKV_VIDEO, audio: MKV_AUDIO },
  MKV_VIDEO_ONLY: { format: 'matroska', video: MKV_VIDEO },
  MKV_AUDIO_ONLY: { format: 'matroska', audio: MKV_AUDIO },
  MP4: { format: 'mp4', video: MP4_VIDEO, audio: MP4_AUDIO },
  MP4_VIDEO_ONLY: { format: 'mp4', video: MP4_VIDEO },
  MP4_AUDIO_ONLY: { format: 'mp4', audio: MP4_AUDIO },
};

export interface RecorderParams {
  uri: string;
  mediaProfile?: string;
  stopOnEndOfStream?: boolean;
}

type UriState = 'STOP' | 'START' | 'PAUSE';

export class RecorderEndpoint extends MediaElement {
  private readonly target: RecordingTarget;
  private readonly profile: RecordingProfile;
  private session: RecordingSession | undefined;
  private stopping: Promise<void> | undefined;
  private lastStats: ReadonlyMap<AvMediaType, TrackStats> = new Map();
  private readonly stopOnEndOfStream: boolean;
  private endOfStreamWatches: (() => void)[] = [];

  constructor(pipeline: MediaPipeline, params: RecorderParams) {
    const profileName = params.mediaProfile ?? 'WEBM';
    const profile = RECORDING_PROFILES[profileName];
    if (!profile) {
      throw new MediaError('NOT_IMPLEMENTED', `RecorderEndpoint: media profile ${profileName} is not supported (use ${Object.keys(RECORDING_PROFILES).join(', ')})`);
    }
    const target = recordingTarget(params.uri);
    super('RecorderEndpoint', pipeline, pipeline, params as unknown as Record<string, unknown>);
    this.profile = profile;
    this.target = target;
    this.stopOnEndOfStream = params.stopOnEndOfStream ?? false;
    this.propertyValues.set('state', 'STOP');
    for (const [mediaType, codecs] of [['VIDEO', profile.video], ['AUDIO', profile.audio]] as const) {
      if (codecs) this.media.setInlet(inlet(mediaType, { encoded: codecs }, (unit) => unit.kind === 'encoded' && this.receive(unit)));
    }
  }

  get state(): UriState {
    return this.propertyValues.get('state') as UriState;
  }

  /** Frames and time span written per track by the current or last recording. */
  recordedStats(): ReadonlyMap<AvMediaType, TrackStats> {
    return this.session?.stats ?? this.lastStats;
  }

  async record(): Promise<void> {
    this.assertAlive();
    if (this.state === 'START') return;
    await this.stopping;
    if (this.state === 'PAUSE' && this.session) {
      this.session.resume();
      this.setState('START');
      this.emitEvent('Recording', {});
      return;
    }
    try {
      await checkWritable(this.target);
    } catch (error) {
      this.emitError(`${this.describe()}: ${(error as Error).message}`, KurentoErrorCode.URI_PATH_FILE_NOT_FOUND, 'URI_PATH_FILE_NOT_FOUND');
      return;
    }
    if (this.released) return;
    const expected = (['VIDEO', 'AUDIO'] as const).filter(
      (t) => (t === 'VIDEO' ? this.profile.video : this.profile.audio) && (this.getSourceConnections(t).length > 0 || !this.hasAnySource()),
    );
    this.session = new RecordingSession(this.target.path, this.profile, expected, {
      onStarted: () => this.emitEvent('Recording', {}),
      onError: (message) => {
        this.emitError(`${this.describe()}: ${message}`, KurentoErrorCode.UNEXPECTED_ERROR, 'RECORDER_ERROR');
        void this.stop();
      },
      requestKeyframe: () => this.media.requestKeyframe('VIDEO'),
    });
    this.setState('START');
    if (this.stopOnEndOfStream) this.watchEndOfStream();
  }

  /** stopOnEndOfStream: stop when a source feeding this recorder (a player) reaches its end. */
  private watchEndOfStream(): void {
    const sources = new Set(this.pipeline.connections.filter((c) => c.sink === this).map((c) => c.source));
    for (const source of sources) {
      if (!allEvents(source.type).includes('EndOfStream')) continue;
      this.endOfStreamWatches.push(source.on('EndOfStream', () => void this.stop()));
    }
  }

  pause(): void {
    this.assertAlive();
    if (this.state !== 'START') return;
    this.session?.pause();
    this.setState('PAUSE');
    this.emitEvent('Paused', {});
  }

  /** Stops recording; the file is complete when the returned promise (and Stopped) arrive. */
  stop(): Promise<void> {
    for (const unwatch of this.endOfStreamWatches.splice(0)) unwatch();
    const session = this.session;
    if (!session) return this.stopping ?? Promise.resolve();
    this.session = undefined;
    this.setState('STOP');
    this.stopping = session.finish().then(() => {
      this.lastStats = session.stats;
      this.emitEvent('Stopped', {});
    });
    return this.stopping;
  }

  stopAndWait(): Promise<void> {
    return this.stop();
  }

  private receive(unit: EncodedUnit): void {
    this.session?.push(unit);
  }

  private hasAnySource(): boolean {
    return this.getSourceConnections().length > 0;
  }

  private setState(state: UriState): void {
    if (this.state === state) return;
    this.propertyValues.set('state', state);
    this.emitEvent('UriEndpointStateChanged', { state });
  }

  protected override onRelease(): void {
    super.onRelease();
    // A released recorder still finishes its file, so what was recorded stays readable.
    void this.stop();
  }
}
