/**
 * FaceOverlayFilter (Kurento's Magic Mirror): draws an image over every face. Offsets and sizes
 * are ratios of the face box, exactly as Kurento takes them (its tutorial's hat is
 * (-0.35, -1.2, 1.6, 1.6)). Beyond Kurento: the image turns with the eye line around the face
 * centre, and every face in the picture gets one.
 */
import type { RawVideoUnit } from '../../media/media-unit.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { drawOverlay, prepareOverlay, type ImagePlacement, type OverlayImage } from '../../vision/draw/overlay-image.ts';
import { eyeLineAngle, type Face } from '../../vision/face.ts';
import { loadImage } from '../../vision/image-file.ts';
import { FaceFilterElement } from './face-filter.ts';

interface FaceOverlay {
  image: OverlayImage;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
}

/** Where the overlay goes for one face: the box-relative rectangle, turned with the eye line. */
export function overlayPlacement(face: Face, o: Omit<FaceOverlay, 'image'>, rotate = true): ImagePlacement {
  const angle = rotate ? eyeLineAngle(face) : 0;
  const w = o.width * face.width;
  const h = o.height * face.height;
  // Centre of the image relative to the face centre, before rotation.
  const dx = o.offsetX * face.width + w / 2 - face.width / 2;
  const dy = o.offsetY * face.height + h / 2 - face.height / 2;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return {
    cx: face.x + face.width / 2 + cos * dx - sin * dy,
    cy: face.y + face.height / 2 + sin * dx + cos * dy,
    width: w,
    height: h,
    angle,
  };
}

export class FaceOverlayFilter extends FaceFilterElement {
  private overlay: FaceOverlay | undefined;
  /** Bumped by every set/unset, so a slow image load cannot win over a later call. */
  private generation = 0;

  constructor(pipeline: MediaPipeline, params: Record<string, unknown>) {
    super('FaceOverlayFilter', pipeline, params);
  }

  async setOverlayedImage(uri: string, offsetXPercent: number, offsetYPercent: number, widthPercent: number, heightPercent: number): Promise<void> {
    const generation = ++this.generation;
    const image = prepareOverlay(await loadImage(uri, this.describe()));
    if (generation !== this.generation || this.released) return;
    this.overlay = { image, offsetX: offsetXPercent, offsetY: offsetYPercent, width: widthPercent, height: heightPercent };
  }

  unsetOverlayedImage(): void {
    this.generation++;
    this.overlay = undefined;
    this.tracker.clear();
  }

  protected filterFrame(unit: RawVideoUnit): RawVideoUnit | undefined {
    const overlay = this.overlay;
    // Without an image there is nothing to draw and no reason to run the detector.
    if (!overlay) return undefined;
    const faces = this.facesFor(unit);
    if (faces.length === 0) return undefined;
    const target = this.drawable(unit);
    for (const face of faces) drawOverlay(target.planes, overlay.image, overlayPlacement(face, overlay));
    return target.unit;
  }
}
