/**
 * Dispatcher: connect(source, sink) routes every media type of one port to another, switchable
 * at run time; media passes in whatever form it arrives (encoded stays encoded).
 */
import type { InletAccepts } from '../../media/media-inlet.ts';
import type { AvMediaType, MediaUnit } from '../../media/media-unit.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { AV_TYPES, MediaHub, type MediaHubPort } from './media-hub.ts';
import { PortRouter } from './port-router.ts';

export class Dispatcher extends MediaHub {
  private readonly router = new PortRouter(AV_TYPES, {
    open: (mediaType, label) => this.sharedOutlet(mediaType, label),
    close: (outlet) => this.closeSharedOutlet(outlet),
  });

  constructor(pipeline: MediaPipeline, params: Record<string, unknown>) {
    super('Dispatcher', pipeline, params);
  }

  connect(source: MediaHubPort, sink: MediaHubPort): void {
    this.router.connect(source, sink);
  }

  accepts(_mediaType: AvMediaType): InletAccepts {
    return { encoded: 'any', raw: true };
  }

  receive(port: MediaHubPort, unit: MediaUnit): void {
    this.router.forward(port, unit);
  }

  protected portJoined(_port: MediaHubPort): void {}

  protected portLeft(port: MediaHubPort): void {
    this.router.portLeft(port);
  }
}
