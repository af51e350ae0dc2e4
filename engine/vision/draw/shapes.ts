/** Outlines and dots on a yuv420p frame (detector boxes and keypoints). */
import { BT601_LIMITED, rgbToYuv, yuvToRgb } from './yuv-encoding.ts';
import { clipRect, type YuvPlanes } from './yuv-planes.ts';

/**
 * A colour given as Y, U, V in BT.601 limited range (what rgbToYuv(r, g, b) gives without an
 * encoding), as the frame's own encoding writes the same RGB, rounded to bytes.
 */
function inFrameEncoding(p: YuvPlanes, colour: [number, number, number]): [number, number, number] {
  const yuv = p.encoding === BT601_LIMITED ? colour : rgbToYuv(...yuvToRgb(...colour, BT601_LIMITED), p.encoding);
  return yuv.map((c) => Math.min(255, Math.max(0, Math.round(c)))) as [number, number, number];
}

/** Fills a rectangle with one colour (Y, U, V in BT.601 limited range, see rgbToYuv). */
export function fillRect(p: YuvPlanes, x: number, y: number, width: number, height: number, colour: [number, number, number]): void {
  const r = clipRect(p, x, y, width, height);
  if (!r) return;
  const [cy, cu, cv] = inFrameEncoding(p, colour);
  for (let row = r.y0; row < r.y1; row++) p.y.fill(cy, row * p.yStride + r.x0, row * p.yStride + r.x1);
  for (let row = r.y0 / 2; row < r.y1 / 2; row++) {
    p.u.fill(cu, row * p.uStride + r.x0 / 2, row * p.uStride + r.x1 / 2);
    p.v.fill(cv, row * p.vStride + r.x0 / 2, row * p.vStride + r.x1 / 2);
  }
}

/** A rectangle outline `thickness` pixels wide. */
export function strokeRect(p: YuvPlanes, x: number, y: number, width: number, height: number, colour: [number, number, number], thickness = 2): void {
  fillRect(p, x, y, width, thickness, colour);
  fillRect(p, x, y + height - thickness, width, thickness, colour);
  fillRect(p, x, y, thickness, height, colour);
  fillRect(p, x + width - thickness, y, thickness, height, colour);
}
