/**
 * How a frame's Y, U, V encode RGB: the matrix's luma weights and the range, read from the
 * frame's tags as FFmpeg (swscale, libavfilter) reads them. The one place for RGB <-> YUV
 * coefficients. A frame that says nothing is BT.601 limited range, as FFmpeg takes it; Chromium
 * sends canvas and screen captures as full range, cameras as limited.
 */
import {
  AVCOL_RANGE_JPEG,
  AVCOL_SPC_BT2020_CL,
  AVCOL_SPC_BT2020_NCL,
  AVCOL_SPC_BT709,
  AVCOL_SPC_FCC,
  AVCOL_SPC_SMPTE240M,
  type AVColorRange,
  type AVColorSpace,
} from 'node-av/constants';

export interface YuvEncoding {
  /** For messages, e.g. 'BT.709 full'. */
  readonly name: string;
  /** Luma weights of red and blue (green's is 1 - kr - kb). */
  readonly kr: number;
  readonly kb: number;
  /** Full range (Y, U, V over 0-255) or limited (Y 16-235, U and V 16-240). */
  readonly full: boolean;
}

/** Luma weights per matrix, the ones swscale knows; any other matrix it reads as BT.601. */
const MATRICES: [name: string, kr: number, kb: number, spaces: AVColorSpace[]][] = [
  ['BT.709', 0.2126, 0.0722, [AVCOL_SPC_BT709]],
  ['BT.2020', 0.2627, 0.0593, [AVCOL_SPC_BT2020_NCL, AVCOL_SPC_BT2020_CL]],
  ['SMPTE 240M', 0.212, 0.087, [AVCOL_SPC_SMPTE240M]],
  ['FCC', 0.3, 0.11, [AVCOL_SPC_FCC]],
];

function encoding(name: string, kr: number, kb: number, full: boolean): YuvEncoding {
  return Object.freeze({ name: `${name} ${full ? 'full' : 'limited'}`, kr, kb, full });
}

export const BT601_LIMITED = encoding('BT.601', 0.299, 0.114, false);
const BT601_FULL = encoding('BT.601', 0.299, 0.114, true);
/** One object per encoding, so callers may cache by identity. */
const BY_SPACE = new Map<AVColorSpace, [limited: YuvEncoding, full: YuvEncoding]>(
  MATRICES.flatMap(([name, kr, kb, spaces]) => {
    const pair: [YuvEncoding, YuvEncoding] = [encoding(name, kr, kb, false), encoding(name, kr, kb, true)];
    return spaces.map((space) => [space, pair] as const);
  }),
);

/** The encoding a frame's tags say (a node-av Frame has both fields). */
export function encodingOf(frame: { colorRange: AVColorRange; colorSpace: AVColorSpace }): YuvEncoding {
  const full = frame.colorRange === AVCOL_RANGE_JPEG;
  const pair = BY_SPACE.get(frame.colorSpace);
  if (pair) return pair[full ? 1 : 0];
  return full ? BT601_FULL : BT601_LIMITED;
}

/** Y, U, V of an sRGB colour (0-255 each, unrounded) in an encoding; BT.601 limited unless told. */
export function rgbToYuv(r: number, g: number, b: number, e: YuvEncoding = BT601_LIMITED): [number, number, number] {
  const luma = e.kr * r + (1 - e.kr - e.kb) * g + e.kb * b;
  const cb = (b - luma) / (2 * (1 - e.kb));
  const cr = (r - luma) / (2 * (1 - e.kr));
  if (e.full) return [luma, 128 + cb, 128 + cr];
  return [16 + (luma * 219) / 255, 128 + (cb * 224) / 255, 128 + (cr * 224) / 255];
}

/** R, G, B (0-255, unrounded, unclipped) of Y, U, V in an encoding. */
export function yuvToRgb(y: number, u: number, v: number, e: YuvEncoding): [number, number, number] {
  const luma = e.full ? y : ((y - 16) * 255) / 219;
  const cb = e.full ? u - 128 : ((u - 128) * 255) / 224;
  const cr = e.full ? v - 128 : ((v - 128) * 255) / 224;
  const r = luma + 2 * (1 - e.kr) * cr;
  const b = luma + 2 * (1 - e.kb) * cb;
  return [r, (luma - e.kr * r - e.kb * b) / (1 - e.kr - e.kb), b];
}
