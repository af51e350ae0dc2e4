/**
 * Alpha-blends an image onto a yuv420p frame at any position, size and rotation. The image is
 * kept as RGB and alpha with a chain of half-size copies, so a big PNG drawn small is sampled
 * from a level near its drawn size (no shimmering); the levels are converted to Y, U, V once per
 * colour encoding the frames have (range and matrix: a full-range frame needs other numbers than
 * a limited one). Each frame then costs one pass over the covered pixels (bilinear luma and
 * alpha, nearest chroma).
 */
import type { RgbaImage } from '../image-file.ts';
import { rgbToYuv, type YuvEncoding } from './yuv-encoding.ts';
import type { YuvPlanes } from './yuv-planes.ts';

interface Level {
  width: number;
  height: number;
  r: Float32Array;
  g: Float32Array;
  b: Float32Array;
  a: Float32Array;
}

/** A level's colours in one encoding, clamped to bytes. */
interface YuvLevel {
  y: Float32Array;
  u: Float32Array;
  v: Float32Array;
}

export interface OverlayImage {
  /** Full size first, then halves down to ~8 px. */
  levels: Level[];
  width: number;
  height: number;
  /** The levels in each encoding drawn so far (a stream rarely changes encoding). */
  encoded: Map<YuvEncoding, YuvLevel[]>;
}

/** Where to draw: centre, drawn size in frame pixels, rotation in radians (clockwise on screen). */
export interface ImagePlacement {
  cx: number;
  cy: number;
  width: number;
  height: number;
  angle: number;
}

function emptyLevel(width: number, height: number): Level {
  const n = width * height;
  return { width, height, r: new Float32Array(n), g: new Float32Array(n), b: new Float32Array(n), a: new Float32Array(n) };
}

function half(level: Level): Level {
  const width = Math.max(1, level.width >> 1);
  const height = Math.max(1, level.height >> 1);
  const out = emptyLevel(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 2 * y * level.width + 2 * x;
      const neighbours = [i, i + 1, i + level.width, i + level.width + 1].filter((j) => j < level.width * level.height);
      let a = 0;
      for (const j of neighbours) a += level.a[j]!;
      const o = y * width + x;
      out.a[o] = a / neighbours.length;
      // Colour averaged by alpha so transparent pixels do not darken the edges.
      for (const plane of ['r', 'g', 'b'] as const) {
        let sum = 0;
        for (const j of neighbours) sum += level[plane][j]! * (a > 0 ? level.a[j]! : 1);
        out[plane][o] = sum / (a > 0 ? a : neighbours.length);
      }
    }
  }
  return out;
}

export function prepareOverlay(image: RgbaImage): OverlayImage {
  const base = emptyLevel(image.width, image.height);
  for (let i = 0; i < image.width * image.height; i++) {
    base.r[i] = image.rgba[4 * i]!;
    base.g[i] = image.rgba[4 * i + 1]!;
    base.b[i] = image.rgba[4 * i + 2]!;
    base.a[i] = image.rgba[4 * i + 3]! / 255;
  }
  const levels = [base];
  while (levels.at(-1)!.width > 8 && levels.at(-1)!.height > 8) levels.push(half(levels.at(-1)!));
  return { levels, width: image.width, height: image.height, encoded: new Map() };
}

/** A level's Y, U, V in an encoding: rgbToYuv is affine, so its coefficients are read off once. */
function encodeLevel(level: Level, e: YuvEncoding): YuvLevel {
  const [o, kr, kg, kb] = [rgbToYuv(0, 0, 0, e), rgbToYuv(1, 0, 0, e), rgbToYuv(0, 1, 0, e), rgbToYuv(0, 0, 1, e)];
  const n = level.width * level.height;
  const out: YuvLevel = { y: new Float32Array(n), u: new Float32Array(n), v: new Float32Array(n) };
  (['y', 'u', 'v'] as const).forEach((plane, c) => {
    const [dr, dg, db] = [kr[c]! - o[c]!, kg[c]! - o[c]!, kb[c]! - o[c]!];
    for (let i = 0; i < n; i++) out[plane][i] = Math.min(255, Math.max(0, o[c]! + dr * level.r[i]! + dg * level.g[i]! + db * level.b[i]!));
  });
  return out;
}

function levelsIn(image: OverlayImage, e: YuvEncoding): YuvLevel[] {
  let encoded = image.encoded.get(e);
  if (!encoded) {
    encoded = image.levels.map((level) => encodeLevel(level, e));
    image.encoded.set(e, encoded);
  }
  return encoded;
}

/** The index of the smallest level still at least as big as the drawn size. */
function levelFor(image: OverlayImage, drawnWidth: number, drawnHeight: number): number {
  let chosen = 0;
  image.levels.forEach((level, i) => {
    if (level.width >= drawnWidth && level.height >= drawnHeight) chosen = i;
  });
  return chosen;
}

/**
 * Draws `image` into the frame planes, in the frame's encoding. Luma is blended at full
 * resolution, chroma once per 2x2 block sampled at the block centre. Blends round to the nearest
 * byte (the values are clamped to 0-255, so + 0.5 never wraps).
 */
export function drawOverlay(p: YuvPlanes, image: OverlayImage, at: ImagePlacement): void {
  if (at.width < 1 || at.height < 1) return;
  const index = levelFor(image, at.width, at.height);
  const level = image.levels[index]!;
  const colours = levelsIn(image, p.encoding)[index]!;
  const cos = Math.cos(at.angle);
  const sin = Math.sin(at.angle);
  // Bounding box of the rotated rectangle.
  const hw = (Math.abs(cos) * at.width + Math.abs(sin) * at.height) / 2;
  const hh = (Math.abs(sin) * at.width + Math.abs(cos) * at.height) / 2;
  const x0 = Math.max(0, Math.floor(at.cx - hw));
  const x1 = Math.min(p.width, Math.ceil(at.cx + hw));
  const y0 = Math.max(0, Math.floor(at.cy - hh));
  const y1 = Math.min(p.height, Math.ceil(at.cy + hh));
  if (x1 <= x0 || y1 <= y0) return;
  // Frame pixel -> image pixel: rotate back by -angle, scale to the level's size.
  const sx = level.width / at.width;
  const sy = level.height / at.height;
  const map = (fx: number, fy: number): [number, number] => {
    const dx = fx - at.cx;
    const dy = fy - at.cy;
    return [(cos * dx + sin * dy) * sx + level.width / 2 - 0.5, (-sin * dx + cos * dy) * sy + level.height / 2 - 0.5];
  };
  const dux = cos * sx;
  const dvx = -sin * sy;
  const lw = level.width;
  const lh = level.height;
  for (let y = y0; y < y1; y++) {
    let [u, v] = map(x0 + 0.5, y + 0.5);
    let row = y * p.yStride + x0;
    for (let x = x0; x < x1; x++, u += dux, v += dvx, row++) {
      if (u < -0.5 || v < -0.5 || u > lw - 0.5 || v > lh - 0.5) continue;
      // Bilinear on luma and alpha, edges clamped.
      const ui = Math.min(lw - 1, Math.max(0, Math.floor(u)));
      const vi = Math.min(lh - 1, Math.max(0, Math.floor(v)));
      const u1 = Math.min(lw - 1, ui + 1);
      const v1 = Math.min(lh - 1, vi + 1);
      const fu = Math.min(1, Math.max(0, u - ui));
      const fv = Math.min(1, Math.max(0, v - vi));
      const i00 = vi * lw + ui;
      const i01 = vi * lw + u1;
      const i10 = v1 * lw + ui;
      const i11 = v1 * lw + u1;
      const w00 = (1 - fu) * (1 - fv);
      const w01 = fu * (1 - fv);
      const w10 = (1 - fu) * fv;
      const w11 = fu * fv;
      const la = level.a;
      const a = la[i00]! * w00 + la[i01]! * w01 + la[i10]! * w10 + la[i11]! * w11;
      if (a <= 0.004) continue;
      const ly = colours.y;
      const luma = (ly[i00]! * la[i00]! * w00 + ly[i01]! * la[i01]! * w01 + ly[i10]! * la[i10]! * w10 + ly[i11]! * la[i11]! * w11) / a;
      p.y[row] = p.y[row]! + (luma - p.y[row]!) * a + 0.5;
    }
  }
  const cx0 = x0 >> 1;
  const cx1 = Math.min(p.width >> 1, (x1 + 1) >> 1);
  const cy0 = y0 >> 1;
  const cy1 = Math.min(p.height >> 1, (y1 + 1) >> 1);
  for (let cy = cy0; cy < cy1; cy++) {
    let [u, v] = map(2 * cx0 + 1, 2 * cy + 1);
    for (let cx = cx0; cx < cx1; cx++, u += 2 * dux, v += 2 * dvx) {
      const ui = Math.round(u);
      const vi = Math.round(v);
      if (ui < 0 || vi < 0 || ui >= lw || vi >= lh) continue;
      const i = vi * lw + ui;
      const a = level.a[i]!;
      if (a <= 0.004) continue;
      const ou = cy * p.uStride + cx;
      const ov = cy * p.vStride + cx;
      p.u[ou] = p.u[ou]! + (colours.u[i]! - p.u[ou]!) * a + 0.5;
      p.v[ov] = p.v[ov]! + (colours.v[i]! - p.v[ov]!) * a + 0.5;
    }
  }
}
