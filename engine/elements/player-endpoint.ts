/**
 * PlayerEndpoint: plays a file or a network stream into the pipeline, paced to real time.
 * Codecs a connection can carry (VP8, VP9, H.264, Opus, AAC) leave the player encoded, so a
 * sink that takes them gets them untouched; anything else is decoded here. Kurento's API:
 * play/pause/stop, position (ms), videoInfo, EndOfStream, and Error events for inputs that
 * cannot be played.
 */
import { MediaError } from '../errors.ts';
import type { MediaPipeline } from '../model/media-pipeline.ts';
import { AvSourceElement } from './av-source-element.ts';
import { playerInput, PlayerUriError } from './player-uri.ts';

export interface PlayerParams {
  uri: string;
  useEncodedMedia?: boolean;
  networkCache?: number;
}

/** Kurento's VideoInfo, in milliseconds. */
export interface VideoInfo {
  isSeekable: boolean;
  seekableInit: number;
  seekableEnd: number;
  duration: number;
}

type UriState = 'STOP' | 'START' | 'PAUSE';

export class PlayerEndpoint extends AvSourceElement {
  private readonly uri: string;
  private ended = false;

  constructor(pipeline: MediaPipeline, params: PlayerParams) {
    super('PlayerEndpoint', pipeline, pipeline, params as unknown as Record<string, unknown>);
    this.uri = params.uri;
    this.propertyValues.set('state', 'STOP');
  }

  get state(): UriState {
    return this.propertyValues.get('state') as UriState;
  }

  /** Starts or resumes playing. Problems with the input arrive as an Error event. */
  async play(): Promise<void> {
    this.assertAlive();
    const source = await this.open();
    if (!source || this.released) return;
    if (this.ended) {
      this.ended = false;
      source.seek(0);
    }
    source.play();
    this.setState('START');
  }

  pause(): void {
    this.assertAlive();
    if (this.state !== 'START') return;
    this.source?.pause();
    this.setState('PAUSE');
  }

  async stop(): Promise<void> {
    this.assertAlive();
    this.ended = false;
    await this.closeSource();
    this.setState('STOP');
  }

  /** Position in ms from the start of the media. */
  getPosition(): number {
    return Math.round((this.source?.positionUs ?? 0) / 1000);
  }

  setPosition(position: number): void {
    this.assertAlive();
    const source = this.source;
    if (!source) throw new MediaError('MEDIA_OBJECT_OPERATION_NOT_SUPPORTED', `${this.describe()}: play the media before setting the position`);
    if (!source.seekable) throw new MediaError('MEDIA_OBJECT_OPERATION_NOT_SUPPORTED', `${this.describe()}: ${this.uri} is not seekable`);
    const durationMs = source.durationUs / 1000;
    if (position < 0 || position > durationMs) {
      throw new MediaError('MEDIA_OBJECT_ILLEGAL_PARAM_ERROR', `${this.describe()}: position ${position} ms is outside 0..${Math.round(durationMs)} ms`);
    }
    this.ended = false;
    source.seek(position * 1000);
  }

  /** Opens the input if needed to answer (Kurento answers once the media is known). */
  async getVideoInfo(): Promise<VideoInfo> {
    this.assertAlive();
    await this.open();
    return this.videoInfo();
  }

  override getProperty(name: string): unknown {
    if (name === 'position') return this.getPosition();
    if (name === 'videoInfo') return this.videoInfo();
    return super.getProperty(name);
  }

  private videoInfo(): VideoInfo {
    const duration = Math.round((this.source?.durationUs ?? 0) / 1000);
    const isSeekable = this.source?.seekable ?? false;
    return { isSeekable, seekableInit: 0, seekableEnd: isSeekable ? duration : 0, duration };
  }

  protected override onPropertyChanged(name: string, value: unknown): void {
    if (name === 'position') this.setPosition(value as number);
  }

  protected override onSourceEnd(): void {
    this.ended = true;
    this.setState('STOP');
    this.emitEvent('EndOfStream', {});
  }

  private async open() {
    if (this.source) return this.source;
    let input;
    try {
      input = await playerInput(this.uri);
    } catch (error) {
      const notFound = error instanceof PlayerUriError && error.notFound;
      this.reportError((error as Error).message, notFound ? 'URI_PATH_FILE_NOT_FOUND' : 'MEDIA_OBJECT_ILLEGAL_PARAM_ERROR');
      return undefined;
    }
    return this.openSource(
      { url: input.url, ...(input.options ? { options: input.options } : {}), mode: 'passthrough', paced: true },
      `cannot play ${input.label}`,
    );
  }

  private setState(state: UriState): void {
    if (this.state === state) return;
    this.propertyValues.set('state', state);
    this.emitEvent('UriEndpointStateChanged', { state });
  }
}
