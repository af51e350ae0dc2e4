/**
 * Base of the hubs that draw one picture from every port's video (Composite, AlphaBlending):
 * decoded inputs go to a compositor on a fixed clock whose output every port receives through
 * ONE shared outlet; audio is mixed per port without the port's own voice.
 */
import type { Frame } from 'node-av';
import type { InletAccepts } from '../../media/media-inlet.ts';
import type { MediaOutlet } from '../../media/media-outlet.ts';
import type { AvMediaType, MediaUnit } from '../../media/media-unit.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { HubAudioMix } from './hub-audio-mix.ts';
import { MediaHub, type MediaHubPort } from './media-hub.ts';
import { VideoCompositor, type Scene } from './video-compositor.ts';

export abstract class PictureHub extends MediaHub {
  readonly videoOut: MediaOutlet;
  readonly compositor: VideoCompositor;
  private readonly audio: HubAudioMix;

  constructor(type: string, pipeline: MediaPipeline, params: Record<string, unknown>, framerate: number) {
    super(type, pipeline, params);
    this.videoOut = this.sharedOutlet('VIDEO', 'picture');
    this.compositor = new VideoCompositor({
      framerate,
      outlet: this.videoOut,
      onError: (message) => this.reportOnce(`${this.describe()}: ${message}`),
      scene: (inputs) => this.scene(inputs),
    });
    this.audio = new HubAudioMix(() => this.mediaPorts(), (message) => this.reportOnce(message));
  }

  /** What to draw this tick from the ports that have a picture (keys are ports). */
  protected abstract scene(inputs: ReadonlyMap<unknown, Frame>): Scene | undefined;

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
