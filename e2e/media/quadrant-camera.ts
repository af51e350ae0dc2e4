/**
 * A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M of four flat colour
 * quadrants with a small white square moving along the middle row (so encoders see motion and
 * every frame differs), written by hand: a Y4M is a text header and raw yuv420p planes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CAMERA = { width: 640, height: 480, fps: 30, frames: 60 };
/** Top-left, top-right, bottom-left, bottom-right (RGB): what the page must get back. */
export const QUADRANT_COLOURS: [number, number, number][] = [
  [220, 40, 40],
  [40, 200, 60],
  [40, 60, 220],
  [230, 230, 230],
];

/** BT.601 limited range, as Chromium converts it back for display. */
function yuv([r, g, b]: [number, number, number]): [number, number, number] {
  return [
    Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b),
    Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b),
    Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b),
  ];
}

function frame(index: number): Buffer {
  const { width, height } = CAMERA;
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc((width / 2) * (height / 2));
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const [cy, cu, cv] = yuv(QUADRANT_COLOURS[(py < height / 2 ? 0 : 2) + (px < width / 2 ? 0 : 1)]!);
      y[py * width + px] = cy;
      if (px % 2 === 0 && py % 2 === 0) {
        u[(py / 2) * (width / 2) + px / 2] = cu;
        v[(py / 2) * (width / 2) + px / 2] = cv;
      }
    }
  }
  // The moving square crosses the quadrant borders only, away from the sampled centres.
  const x0 = 20 + ((index * 10) % (width - 60));
  for (let py = height / 2 - 10; py < height / 2 + 10; py++) y.fill(235, py * width + x0, py * width + x0 + 20);
  return Buffer.concat([Buffer.from('FRAME\n'), y, u, v]);
}

/** Writes the camera file into `folder`; returns its path. */
export function writeQuadrantCamera(folder: string): string {
  const { width, height, fps, frames } = CAMERA;
  const file = join(folder, 'quadrant-camera.y4m');
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, (_, i) => frame(i))]));
  return file;
}
