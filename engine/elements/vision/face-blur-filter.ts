/** FaceBlurFilter: hides every face (blur or pixelate, with a strength), for privacy. */
import type { RawVideoUnit } from '../../media/media-unit.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { hideRegion, type HideMode } from '../../vision/draw/hide-region.ts';
import { FaceFilterElement } from './face-filter.ts';

/** The hidden area grows the face box by this ratio on each side (hair, chin, ears). */
const MARGIN = 0.15;

export class FaceBlurFilter extends FaceFilterElement {
  constructor(pipeline: MediaPipeline, params: Record<string, unknown>) {
    super('FaceBlurFilter', pipeline, params);
  }

  protected filterFrame(unit: RawVideoUnit): RawVideoUnit | undefined {
    const faces = this.facesFor(unit);
    if (faces.length === 0) return undefined;
    const mode = this.getProperty('mode') as HideMode;
    const strength = this.getProperty('strength') as number;
    const target = this.drawable(unit);
    for (const f of faces) {
      const mx = f.width * MARGIN;
      const my = f.height * MARGIN;
      hideRegion(target.planes, f.x - mx, f.y - my, f.width + 2 * mx, f.height + 2 * my, mode, strength);
    }
    return target.unit;
  }
}
