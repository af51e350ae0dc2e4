/**
 * Composite: every port's video in one grid (1, 2, 4, 6, 9 or 16 tiles, letterboxed) at the
 * hub's width, height and frame rate, sent to every port through ONE shared outlet (one encoder
 * per output format however many ports); audio mixed per port, without the port's own voice.
 */
import type { InletAccepts } from '../../media/media-inlet.ts';
import type { MediaOutlet } from '../../media/media-outlet.ts';
import type { AvMediaType, MediaUnit } from '../../media/media-unit.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { fitInto, gridTiles } from './grid-layout.ts';
import { HubAudioMix } from './hub-audio-mix.ts';
import { MediaHub, type MediaHubPort } from './media-hub.ts';
import { VideoCompositor } from './video-compositor.ts';

export interface CompositeParams {
  width?: number;
  height?: number;
  framerate?: number;
}

export class Composite extends MediaHub {
  readonly videoOut: MediaOutlet;
  readonly compositor: VideoCompositor;
  private readonly audio: HubAudioMix;

  constructor(pipeline: MediaPipeline, params: CompositeParams) {
    super('Composite', pipeline, params as Record<string, unknown>);
    const width = params.width ?? 800;
    const height = params.height ?? 600;
    this.videoOut = this.sharedOutlet('VIDEO', 'grid');
    this.compositor = new VideoCompositor({
      framerate: params.framerate ?? 15,
      outlet: this.videoOut,
      onError: (message) => this.reportOnce(`${this.describe()}: ${message}`),
      scene: (inputs) => {
        // Tiles follow the ports' creation order, so a port keeps its place as others come and go.
        const shown = this.mediaPorts().filter((p) => inputs.has(p));
        const tiles = gridTiles(shown.length, width, height);
        return {
          width,
          height,
          layers: tiles.map((tile, i) => {
            const frame = inputs.get(shown[i])!;
            return { input: shown[i], rect: fitInto(tile, frame.width, frame.height) };
          }),
        };
      },
    });
    this.audio = new HubAudioMix(() => this.mediaPorts(), (message) => this.reportOnce(message));
  }

  accepts(_mediaType: AvMediaType): InletAccepts {
    return { raw: true };
  }

  receive(port: MediaHubPort, unit: MediaUnit): void {
    if (unit.kind === 'raw-video') this.compositor.push(port, unit.frame);
    else this.audio.receive(port, unit);
  }

  protected portJoined(port: MediaHubPort): void {
    port.serveFrom('VIDEO', this.videoOut);
  }

  protected portLeft(port: MediaHubPort): void {
    this.compositor.remove(port);
    this.audio.remove(port);
  }

  override inputDisconnected(port: MediaHubPort, mediaType: AvMediaType): void {
    if (mediaType === 'VIDEO') this.compositor.remove(port);
    else this.audio.remove(port);
  }

  protected override onRelease(): void {
    this.compositor.close();
    this.audio.close();
    super.onRelease();
  }
}
