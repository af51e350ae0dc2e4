/**
 * Hides a rectangle of a yuv420p frame: pixelate (block averages) or blur (three box-blur passes
 * each way, close to a Gaussian). Scratch rows are kept between calls, so nothing is allocated
 * per frame once the largest face size has been seen.
 */
import { clipRect, type YuvPlanes } from './yuv-planes.ts';

export type HideMode = 'BLUR' | 'PIXELATE';

let scratch = new Float32Array(0);

function take(size: number): Float32Array {
  if (scratch.length < size) scratch = new Float32Array(size);
  return scratch;
}

/** Averages blocks of `block` x `block` pixels of one plane within [x0,x1) x [y0,y1). */
function pixelatePlane(plane: Buffer, stride: number, x0: number, y0: number, x1: number, y1: number, block: number): void {
  for (let by = y0; by < y1; by += block) {
    const ey = Math.min(y1, by + block);
    for (let bx = x0; bx < x1; bx += block) {
      const ex = Math.min(x1, bx + block);
      let sum = 0;
      for (let y = by; y < ey; y++) for (let x = bx; x < ex; x++) sum += plane[y * stride + x]!;
      const mean = Math.round(sum / ((ey - by) * (ex - bx)));
      for (let y = by; y < ey; y++) plane.fill(mean, y * stride + bx, y * stride + ex);
    }
  }
}

/** Running-sum box blur of radius r along one line of `n` samples read/written through `at`. */
function boxLine(line: Float32Array, n: number, r: number, out: Float32Array): void {
  let sum = 0;
  const clampAt = (i: number): number => line[Math.min(n - 1, Math.max(0, i))]!;
  for (let i = -r; i <= r; i++) sum += clampAt(i);
  const width = 2 * r + 1;
  for (let i = 0; i < n; i++) {
    out[i] = sum / width;
    sum += clampAt(i + r + 1) - clampAt(i - r);
  }
}

function blurPlane(plane: Buffer, stride: number, x0: number, y0: number, x1: number, y1: number, r: number): void {
  const w = x1 - x0;
  const h = y1 - y0;
  const buf = take(w * h + 3 * Math.max(w, h));
  const img = buf.subarray(0, w * h);
  const a = buf.subarray(w * h, w * h + Math.max(w, h));
  const b = buf.subarray(w * h + Math.max(w, h), w * h + 2 * Math.max(w, h));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) img[y * w + x] = plane[(y0 + y) * stride + x0 + x]!;
  for (let pass = 0; pass < 3; pass++) {
    for (let y = 0; y < h; y++) {
      a.set(img.subarray(y * w, y * w + w));
      boxLine(a, w, r, b);
      img.set(b.subarray(0, w), y * w);
    }
    for (let x = 0; x < w; x++) {
      for (let y = 0; y < h; y++) a[y] = img[y * w + x]!;
      boxLine(a, h, r, b);
      for (let y = 0; y < h; y++) img[y * w + x] = b[y]!;
    }
  }
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) plane[(y0 + y) * stride + x0 + x] = img[y * w + x]!;
}

/**
 * Hides the rectangle. `strength` (1..100) sets the block size or blur radius relative to the
 * rectangle's width: at 100 a face becomes about 4 blocks across.
 */
export function hideRegion(p: YuvPlanes, x: number, y: number, width: number, height: number, mode: HideMode, strength: number): void {
  const r = clipRect(p, x, y, width, height);
  if (!r) return;
  const s = Math.min(100, Math.max(1, strength)) / 100;
  if (mode === 'PIXELATE') {
    const block = Math.max(2, Math.round((s * width) / 4 / 2) * 2);
    pixelatePlane(p.y, p.yStride, r.x0, r.y0, r.x1, r.y1, block);
    pixelatePlane(p.u, p.uStride, r.x0 / 2, r.y0 / 2, r.x1 / 2, r.y1 / 2, block / 2);
    pixelatePlane(p.v, p.vStride, r.x0 / 2, r.y0 / 2, r.x1 / 2, r.y1 / 2, block / 2);
  } else {
    const radius = Math.max(1, Math.round((s * width) / 8));
    blurPlane(p.y, p.yStride, r.x0, r.y0, r.x1, r.y1, radius);
    const cr = Math.max(1, radius >> 1);
    blurPlane(p.u, p.uStride, r.x0 / 2, r.y0 / 2, r.x1 / 2, r.y1 / 2, cr);
    blurPlane(p.v, p.vStride, r.x0 / 2, r.y0 / 2, r.x1 / 2, r.y1 / 2, cr);
  }
}
