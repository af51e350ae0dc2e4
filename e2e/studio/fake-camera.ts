/**
 * A fake camera with a face: the astronaut portrait (assets/fixtures) written as a Y4M file for
 * Chromium's --use-file-for-fake-video-capture, so the page's "camera" shows a face the
 * engine's FaceOverlayFilter can find. Decoded with the engine's own image reader (FFmpeg).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImage } from '../../engine/vision/image-file.ts';
import { ASTRONAUT_FACE, ASTRONAUT_PNG } from '../../engine/vision/test-scene.ts';

export const CAMERA = { width: 640, height: 480, left: 64 };
/** Where the face is in the fake camera's picture. */
export const CAMERA_FACE = { cx: CAMERA.left + ASTRONAUT_FACE.cx, cy: ASTRONAUT_FACE.cy, width: ASTRONAUT_FACE.width };

/** Writes `frames` identical 640x480 yuv420p frames: grey background, portrait at (64, 0), cropped to 480 rows. */
export async function writeFaceCamera(folder: string, frames = 30): Promise<string> {
  const image = await decodeImage(readFileSync(ASTRONAUT_PNG));
  const { width, height, left } = CAMERA;
  const y = Buffer.alloc(width * height, 120);
  const u = Buffer.alloc((width / 2) * (height / 2), 128);
  const v = Buffer.alloc((width / 2) * (height / 2), 128);
  const rgbAt = (px: number, py: number): [number, number, number] | undefined => {
    const ix = px - left;
    if (ix < 0 || ix >= image.width || py >= image.height) return undefined;
    const o = (py * image.width + ix) * 4;
    return [image.rgba[o]!, image.rgba[o + 1]!, image.rgba[o + 2]!];
  };
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const rgb = rgbAt(px, py);
      if (rgb) y[py * width + px] = Math.round(16 + 0.257 * rgb[0] + 0.504 * rgb[1] + 0.098 * rgb[2]);
      if (rgb && px % 2 === 0 && py % 2 === 0) {
        const c = (py / 2) * (width / 2) + px / 2;
        u[c] = Math.round(128 - 0.148 * rgb[0] - 0.291 * rgb[1] + 0.439 * rgb[2]);
        v[c] = Math.round(128 + 0.439 * rgb[0] - 0.368 * rgb[1] - 0.071 * rgb[2]);
      }
    }
  }
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, u, v]);
  const file = join(folder, 'face-camera.y4m');
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]));
  return file;
}
