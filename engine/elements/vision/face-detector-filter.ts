/**
 * FaceDetectorFilter: passes the video on and raises FacesDetected with the faces of each analysed
 * frame (boxes, keypoints, scores, the frame's timestamp), while faces are present and once when
 * they are gone. With drawBoxes, tracked boxes and keypoints are drawn onto the video.
 */
import type { RawVideoUnit } from '../../media/media-unit.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { fillRect, strokeRect } from '../../vision/draw/shapes.ts';
import { rgbToYuv } from '../../vision/draw/yuv-planes.ts';
import { KEYPOINT_NAMES, type Detection } from '../../vision/face.ts';
import { FaceFilterElement } from './face-filter.ts';

const BOX = rgbToYuv(0, 230, 90);
const POINT = rgbToYuv(255, 60, 60);

export class FaceDetectorFilter extends FaceFilterElement {
  private lastCount = 0;

  constructor(pipeline: MediaPipeline, params: Record<string, unknown>) {
    super('FaceDetectorFilter', pipeline, params);
  }

  protected override minScore(): number {
    return this.getProperty('minScore') as number;
  }

  protected override onDetection(detection: Detection): void {
    if (detection.faces.length === 0 && this.lastCount === 0) return;
    this.lastCount = detection.faces.length;
    this.emitEvent('FacesDetected', {
      faces: detection.faces.map((f) => ({ x: f.x, y: f.y, width: f.width, height: f.height, score: f.score, keypoints: f.keypoints })),
      frameTimestamp: Math.round(detection.timestampUs / 1000),
      frameWidth: detection.frameWidth,
      frameHeight: detection.frameHeight,
    });
  }

  protected filterFrame(unit: RawVideoUnit): RawVideoUnit | undefined {
    const faces = this.facesFor(unit);
    if (!this.getProperty('drawBoxes') || faces.length === 0) return undefined;
    const target = this.drawable(unit);
    for (const f of faces) {
      strokeRect(target.planes, f.x, f.y, f.width, f.height, BOX, 2);
      for (const name of KEYPOINT_NAMES) fillRect(target.planes, f.keypoints[name].x - 2, f.keypoints[name].y - 2, 4, 4, POINT);
    }
    return target.unit;
  }
}
