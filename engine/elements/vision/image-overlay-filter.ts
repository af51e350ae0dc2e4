/**
 * ImageOverlayFilter with Kurento's API: images (logos, watermarks) drawn at areas given as
 * fractions of the video size, each optionally keeping its aspect ratio and centred in its area.
 */
import type { RawVideoUnit } from '../../media/media-unit.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { drawOverlay, prepareOverlay, type ImagePlacement, type OverlayImage } from '../../vision/draw/overlay-image.ts';
import { loadImage } from '../../vision/image-file.ts';
import { VideoFilterElement } from './video-filter.ts';

export interface ImageArea {
  offsetXPercent: number;
  offsetYPercent: number;
  widthPercent: number;
  heightPercent: number;
  keepAspectRatio: boolean;
  center: boolean;
}

/** Where an image of `imageWidth` x `imageHeight` goes in a frame of `width` x `height`. */
export function imagePlacement(area: ImageArea, imageWidth: number, imageHeight: number, width: number, height: number): ImagePlacement {
  const ax = area.offsetXPercent * width;
  const ay = area.offsetYPercent * height;
  const aw = area.widthPercent * width;
  const ah = area.heightPercent * height;
  let w = aw;
  let h = ah;
  if (area.keepAspectRatio) {
    const scale = Math.min(aw / imageWidth, ah / imageHeight);
    w = imageWidth * scale;
    h = imageHeight * scale;
  }
  const x = area.center ? ax + (aw - w) / 2 : ax;
  const y = area.center ? ay + (ah - h) / 2 : ay;
  return { cx: x + w / 2, cy: y + h / 2, width: w, height: h, angle: 0 };
}

export class ImageOverlayFilter extends VideoFilterElement {
  private readonly images = new Map<string, { image: OverlayImage; area: ImageArea }>();
  /** Latest addImage/removeImage per id, so a slow load cannot undo a later call. */
  private readonly generations = new Map<string, number>();

  constructor(pipeline: MediaPipeline, params: Record<string, unknown>) {
    super('ImageOverlayFilter', pipeline, params);
  }

  async addImage(
    id: string,
    uri: string,
    offsetXPercent: number,
    offsetYPercent: number,
    widthPercent: number,
    heightPercent: number,
    keepAspectRatio: boolean,
    center: boolean,
  ): Promise<void> {
    const generation = (this.generations.get(id) ?? 0) + 1;
    this.generations.set(id, generation);
    const image = prepareOverlay(await loadImage(uri, this.describe()));
    if (this.generations.get(id) !== generation || this.released) return;
    this.images.set(id, { image, area: { offsetXPercent, offsetYPercent, widthPercent, heightPercent, keepAspectRatio, center } });
  }

  /** Removes an image; an unknown id is ignored, as in Kurento. */
  removeImage(id: string): void {
    this.generations.set(id, (this.generations.get(id) ?? 0) + 1);
    this.images.delete(id);
  }

  protected filterFrame(unit: RawVideoUnit): RawVideoUnit | undefined {
    if (this.images.size === 0) return undefined;
    const target = this.drawable(unit);
    for (const { image, area } of this.images.values()) {
      drawOverlay(target.planes, image, imagePlacement(area, image.width, image.height, unit.width, unit.height));
    }
    return target.unit;
  }
}
