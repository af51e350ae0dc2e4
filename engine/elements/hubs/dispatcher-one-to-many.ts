/**
 * DispatcherOneToMany: the source port's media goes to every other port through ONE shared
 * outlet per media type, so viewers that take the source's codec get it untouched and the
 * others share one encoder per format, however many viewers there are.
 */
import type { InletAccepts } from '../../media/media-inlet.ts';
import type { MediaOutlet } from '../../media/media-outlet.ts';
import type { AvMediaType, MediaUnit } from '../../media/media-unit.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { AV_TYPES, MediaHub, type MediaHubPort } from './media-hub.ts';
import { SourceSwitch } from './source-switch.ts';

export class DispatcherOneToMany extends MediaHub {
  readonly outlets: Record<AvMediaType, MediaOutlet>;
  private readonly switch: SourceSwitch;

  constructor(pipeline: MediaPipeline, params: Record<string, unknown>) {
    super('DispatcherOneToMany', pipeline, params);
    this.outlets = { VIDEO: this.sharedOutlet('VIDEO', 'broadcast'), AUDIO: this.sharedOutlet('AUDIO', 'broadcast') };
    this.switch = new SourceSwitch(this.outlets);
  }

  setSource(source: MediaHubPort): void {
    const previous = this.switch.source;
    this.switch.setSource(source);
    if (previous && !previous.released) this.serve(previous);
    for (const mediaType of AV_TYPES) source.serveFrom(mediaType, undefined);
  }

  removeSource(): void {
    const previous = this.switch.source;
    this.switch.setSource(undefined);
    if (previous && !previous.released) this.serve(previous);
  }

  accepts(_mediaType: AvMediaType): InletAccepts {
    return { encoded: 'any', raw: true };
  }

  receive(port: MediaHubPort, unit: MediaUnit): void {
    this.switch.forward(port, unit);
  }

  protected portJoined(port: MediaHubPort): void {
    this.serve(port);
  }

  protected portLeft(port: MediaHubPort): void {
    if (port === this.switch.source) this.switch.setSource(undefined);
  }

  private serve(port: MediaHubPort): void {
    for (const mediaType of AV_TYPES) port.serveFrom(mediaType, this.outlets[mediaType]);
  }
}
