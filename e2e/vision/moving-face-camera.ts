/**
 * The Magic Mirror's fake camera: the astronaut moving and scaling (engine/vision/test-scene.ts,
 * last sixth without a face) written as a Y4M file for Chromium's --use-file-for-fake-video-capture.
 * Each frame carries its index in a strip of black/white blocks along the bottom edge, so the
 * page can tell which frame came back and where the face was in it.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { hatCrown } from '../../engine/elements/vision/test-support.ts';
import { planesOf } from '../../engine/vision/draw/yuv-planes.ts';
import { AstronautScene, placementAt, trueFace } from '../../engine/vision/test-scene.ts';

// 15 fps keeps Chromium's and the engine's VP8 work within a shared 2-core machine's means (the
// 30 fps figures are bench/vision.ts's); the motion is defined in time, so it is the same path.
export const CAMERA = { width: 640, height: 480, fps: 15, frames: 90 };
/** The index strip: INDEX_BITS blocks of STRIP_BLOCK x STRIP_HEIGHT at the bottom-left. */
export const INDEX_BITS = 9;
export const STRIP_BLOCK = 32;
export const STRIP_HEIGHT = 16;

/** The hat crown's expected middle in frame `index` (as the unit test checks it), or null without a face. */
export function expectedCrown(index: number): { x: number; y: number; width: number; height: number } | null {
  const placement = placementAt(index, CAMERA.frames, CAMERA.width, CAMERA.height);
  if (!placement) return null;
  return hatCrown(trueFace(placement));
}

export async function writeMovingFaceY4m(file: string): Promise<void> {
  const { width, height, fps, frames } = CAMERA;
  const scene = await AstronautScene.load();
  const out = createWriteStream(file);
  out.write(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  try {
    for (let i = 0; i < frames; i++) {
      const frame = await scene.frame(width, height, placementAt(i, frames, width, height), 0);
      const p = planesOf(frame);
      for (let bit = 0; bit < INDEX_BITS; bit++) {
        const value = (i >> bit) & 1 ? 235 : 16;
        for (let y = height - STRIP_HEIGHT; y < height; y++) p.y.fill(value, y * p.yStride + bit * STRIP_BLOCK, y * p.yStride + (bit + 1) * STRIP_BLOCK);
        for (let y = (height - STRIP_HEIGHT) / 2; y < height / 2; y++) {
          p.u.fill(128, y * p.uStride + (bit * STRIP_BLOCK) / 2, y * p.uStride + ((bit + 1) * STRIP_BLOCK) / 2);
          p.v.fill(128, y * p.vStride + (bit * STRIP_BLOCK) / 2, y * p.vStride + ((bit + 1) * STRIP_BLOCK) / 2);
        }
      }
      const rows: Buffer[] = [Buffer.from('FRAME\n')];
      for (const [plane, stride, w, h] of [
        [p.y, p.yStride, width, height],
        [p.u, p.uStride, width / 2, height / 2],
        [p.v, p.vStride, width / 2, height / 2],
      ] as const) {
        for (let y = 0; y < h; y++) rows.push(Buffer.from(plane.subarray(y * stride, y * stride + w)));
      }
      frame.free();
      if (!out.write(Buffer.concat(rows))) await once(out, 'drain');
    }
  } finally {
    scene.dispose();
    out.end();
    await once(out, 'close');
  }
}
