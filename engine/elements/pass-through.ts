/**
 * PassThrough: forwards whatever arrives on its sink to its source, in the form it arrives
 * (encoded stays encoded), so it costs nothing unless a sink downstream needs another form.
 */
import { inlet } from '../media/media-inlet.ts';
import { MediaElement } from '../model/media-element.ts';
import type { MediaPipeline } from '../model/media-pipeline.ts';

export class PassThrough extends MediaElement {
  constructor(pipeline: MediaPipeline, params: Record<string, unknown>) {
    super('PassThrough', pipeline, pipeline, params);
    for (const mediaType of ['VIDEO', 'AUDIO'] as const) {
      const outlet = this.getOutlet(mediaType);
      outlet?.onKeyframeRequest(() => this.media.requestKeyframe(mediaType));
      this.media.setInlet(inlet(mediaType, { encoded: 'any', raw: true }, (unit) => outlet?.publish(unit)));
    }
  }
}
