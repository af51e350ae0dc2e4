/**
 * Draws the bundled overlay images (RGBA with alpha) and writes them as PNG with FFmpeg:
 *   hat.png     a green top hat; brim near the bottom so Kurento's hat placement
 *               setOverlayedImage(uri, -0.35, -1.2, 1.6, 1.6) sits it just above the face box.
 *   glasses.png dark round glasses with tinted lenses, for (0, 0.1, 1, 0.35).
 * Run: npx tsx assets/overlays/make-overlays.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Scaler } from 'node-av';
import { AV_PIX_FMT_RGBA } from 'node-av/constants';
import { frameOwning } from '../../engine/vision/draw/writable-frame-pool.ts';

type Rgba = [number, number, number, number];
/** Returns the colour at a point in [0,1]x[0,1], or undefined for transparent. */
type Shader = (x: number, y: number) => Rgba | undefined;

/** Renders a shader with 4x4 supersampling (smooth, anti-aliased edges). */
function render(width: number, height: number, shade: Shader): Buffer {
  const out = Buffer.alloc(width * height * 4);
  const n = 4;
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade((px + (sx + 0.5) / n) / width, (py + (sy + 0.5) / n) / height);
          if (!c) continue;
          const alpha = c[3] / 255;
          r += c[0] * alpha;
          g += c[1] * alpha;
          b += c[2] * alpha;
          a += alpha;
        }
      }
      const o = 4 * (py * width + px);
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
      }
      out[o + 3] = Math.round((255 * a) / (n * n));
    }
  }
  return out;
}

const inEllipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number): boolean => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

export const HAT_GREEN: Rgba = [32, 176, 48, 255];
const HAT_BAND: Rgba = [24, 24, 24, 255];

const hat: Shader = (x, y) => {
  // Brim: a flat ellipse at 68% of the height.
  if (inEllipse(x, y, 0.5, 0.68, 0.42, 0.055)) return HAT_GREEN;
  // Crown: slightly wider at the top, rounded top edge.
  const halfWidth = 0.2 + 0.03 * (0.66 - y);
  if (y >= 0.2 && y <= 0.67 && Math.abs(x - 0.5) <= halfWidth) {
    if (y >= 0.55 && y <= 0.63) return HAT_BAND;
    return HAT_GREEN;
  }
  if (inEllipse(x, y, 0.5, 0.2, 0.212, 0.03)) return HAT_GREEN;
  return undefined;
};

const glasses: Shader = (x, y) => {
  const frame: Rgba = [20, 20, 28, 255];
  const lens: Rgba = [40, 60, 90, 140];
  for (const cx of [0.3, 0.7]) {
    const outer = inEllipse(x, y, cx, 0.5, 0.17, 0.42);
    const inner = inEllipse(x, y, cx, 0.5, 0.14, 0.34);
    if (outer && !inner) return frame;
    if (inner) return lens;
  }
  // Bridge and temples.
  if (y >= 0.36 && y <= 0.46 && x >= 0.47 && x <= 0.53) return frame;
  if (y >= 0.3 && y <= 0.4 && (x <= 0.13 || x >= 0.87)) return frame;
  return undefined;
};

async function writePng(file: string, width: number, height: number, shade: Shader): Promise<void> {
  const frame = frameOwning(render(width, height, shade), width, height, AV_PIX_FMT_RGBA);
  const scaler = new Scaler();
  const png = await scaler.toPng(frame, { format: 'rgba' });
  scaler[Symbol.dispose]();
  frame.free();
  writeFileSync(path.join(import.meta.dirname, file), png);
  console.log(`${file}: ${width}x${height}, ${png.length} bytes`);
}

await writePng('hat.png', 256, 256, hat);
await writePng('glasses.png', 256, 96, glasses);
