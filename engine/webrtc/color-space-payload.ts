/**
 * The color-space extension's 4-byte payload (see color-space-extension.ts) ↔ FFmpeg's colour
 * enums, the one place for that mapping. Bytes 0-2 are H.273 code points for primaries, transfer
 * and matrix, the same numbers as FFmpeg's enums; byte 3 holds range (bits 4-5: 1 limited,
 * 2 full) and chroma siting (bits 2-3 horizontal, bits 0-1 vertical: 1 collocated, 2 half).
 *
 * "Unspecified" means a different default on each side, and the mapping translates it:
 * libwebrtc and Chrome read an unspecified code in the extension as BT.709; FFmpeg (swscale,
 * libavfilter) reads an unspecified frame as BT.601 limited range, which is also what a
 * receiver assumes when the extension is absent.
 */
import {
  AVCHROMA_LOC_BOTTOM,
  AVCHROMA_LOC_BOTTOMLEFT,
  AVCHROMA_LOC_CENTER,
  AVCHROMA_LOC_LEFT,
  AVCHROMA_LOC_TOP,
  AVCHROMA_LOC_TOPLEFT,
  AVCHROMA_LOC_UNSPECIFIED,
  AVCOL_PRI_BT709,
  AVCOL_PRI_UNSPECIFIED,
  AVCOL_RANGE_JPEG,
  AVCOL_RANGE_MPEG,
  AVCOL_RANGE_UNSPECIFIED,
  AVCOL_SPC_BT709,
  AVCOL_SPC_UNSPECIFIED,
  AVCOL_TRC_BT709,
  AVCOL_TRC_UNSPECIFIED,
  type AVChromaLocation,
  type AVColorPrimaries,
  type AVColorRange,
  type AVColorSpace,
  type AVColorTransferCharacteristic,
} from 'node-av/constants';

/** How a frame's YUV is to be read, in FFmpeg's terms (the fields of a node-av Frame or CodecContext). */
export interface FrameColors {
  colorRange: AVColorRange;
  colorPrimaries: AVColorPrimaries;
  colorTrc: AVColorTransferCharacteristic;
  colorSpace: AVColorSpace;
  chromaLocation: AVChromaLocation;
}

/** The 4-byte form; the 28-byte form adds HDR metadata, which is not used here. */
const PAYLOAD_BYTES = 4;
const PAYLOAD_BYTES_WITH_HDR = 28;

/** H.273 code points libwebrtc accepts (its ColorSpace enums); it drops a payload with any other. */
const PRIMARIES = new Set([0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 22]);
const TRANSFERS = new Set([0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
const MATRICES = new Set([0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 63]);
const H273_UNSPECIFIED = 2;
/** libwebrtc's "invalid" code: nothing said (0 for primaries/transfer, 63 for the matrix). */
const INVALID_PRIMARIES_OR_TRANSFER = 0;
const INVALID_MATRIX = 63;
/** SMPTE 170M (BT.601): what FFmpeg and an extension-less receiver take "unspecified" for. */
const BT601 = 6;

const RANGE_LIMITED = 1;
const RANGE_FULL = 2;
const SITING_COLLOCATED = 1;
const SITING_HALF = 2;

/** FFmpeg's chroma locations as (horizontal, vertical) sitings; BOTTOM* have no vertical siting in the extension. */
const SITINGS: [AVChromaLocation, number, number][] = [
  [AVCHROMA_LOC_LEFT, SITING_COLLOCATED, SITING_HALF],
  [AVCHROMA_LOC_CENTER, SITING_HALF, SITING_HALF],
  [AVCHROMA_LOC_TOPLEFT, SITING_COLLOCATED, SITING_COLLOCATED],
  [AVCHROMA_LOC_TOP, SITING_HALF, SITING_COLLOCATED],
];

/**
 * The payload in FFmpeg's terms, or undefined when libwebrtc would reject it. A field the payload
 * leaves unsaid (invalid range, code 0/63) comes back UNSPECIFIED: keep what the frame had.
 */
export function parseColorSpace(payload: Buffer): FrameColors | undefined {
  if (payload.length !== PAYLOAD_BYTES && payload.length !== PAYLOAD_BYTES_WITH_HDR) return undefined;
  const [primaries, transfer, matrix, rangeAndSiting] = payload as unknown as [number, number, number, number];
  const range = (rangeAndSiting >> 4) & 3;
  const horizontal = (rangeAndSiting >> 2) & 3;
  const vertical = rangeAndSiting & 3;
  if (!PRIMARIES.has(primaries) || !TRANSFERS.has(transfer) || !MATRICES.has(matrix) || horizontal > SITING_HALF || vertical > SITING_HALF) return undefined;
  return {
    colorRange: range === RANGE_FULL ? AVCOL_RANGE_JPEG : range === RANGE_LIMITED ? AVCOL_RANGE_MPEG : AVCOL_RANGE_UNSPECIFIED,
    colorPrimaries: fromCode(primaries, INVALID_PRIMARIES_OR_TRANSFER, AVCOL_PRI_BT709, AVCOL_PRI_UNSPECIFIED),
    colorTrc: fromCode(transfer, INVALID_PRIMARIES_OR_TRANSFER, AVCOL_TRC_BT709, AVCOL_TRC_UNSPECIFIED),
    colorSpace: fromCode(matrix, INVALID_MATRIX, AVCOL_SPC_BT709, AVCOL_SPC_UNSPECIFIED),
    chromaLocation: SITINGS.find(([, h, v]) => h === horizontal && v === vertical)?.[0] ?? AVCHROMA_LOC_UNSPECIFIED,
  };
}

/** Extension code → FFmpeg value: "unspecified" as Chrome reads it (BT.709), "invalid" as nothing said. */
function fromCode<T extends number>(code: number, invalid: number, bt709: T, unspecified: T): T {
  if (code === invalid) return unspecified;
  return code === H273_UNSPECIFIED ? bt709 : (code as T);
}

/**
 * The payload that describes frames with these colours. A frame that says nothing of its colours
 * gets none: a receiver then assumes limited-range BT.601, which is how FFmpeg read it too. Any
 * part left unspecified (or unknown to libwebrtc) is written as that same assumption, so the
 * extension never makes a receiver read the pixels differently from FFmpeg.
 */
export function colorSpacePayload(colors: FrameColors): Buffer | undefined {
  const { colorRange, colorPrimaries, colorTrc, colorSpace, chromaLocation } = colors;
  if (colorRange === AVCOL_RANGE_UNSPECIFIED && colorPrimaries === AVCOL_PRI_UNSPECIFIED && colorTrc === AVCOL_TRC_UNSPECIFIED && colorSpace === AVCOL_SPC_UNSPECIFIED) {
    return undefined;
  }
  const [horizontal, vertical] = sitingOf(chromaLocation);
  const range = colorRange === AVCOL_RANGE_JPEG ? RANGE_FULL : RANGE_LIMITED;
  return Buffer.from([
    toCode(colorPrimaries, PRIMARIES, INVALID_PRIMARIES_OR_TRANSFER),
    toCode(colorTrc, TRANSFERS, INVALID_PRIMARIES_OR_TRANSFER),
    toCode(colorSpace, MATRICES, INVALID_MATRIX),
    (range << 4) | (horizontal << 2) | vertical,
  ]);
}

/** (horizontal, vertical) siting codes; BOTTOMLEFT/BOTTOM have no vertical code in the extension. */
function sitingOf(location: AVChromaLocation): [number, number] {
  const siting = SITINGS.find(([known]) => known === location);
  if (siting) return [siting[1], siting[2]];
  if (location === AVCHROMA_LOC_BOTTOMLEFT) return [SITING_COLLOCATED, 0];
  if (location === AVCHROMA_LOC_BOTTOM) return [SITING_HALF, 0];
  return [0, 0];
}

/** FFmpeg value → extension code; what says nothing, or what libwebrtc would reject, as BT.601. */
function toCode(value: number, known: Set<number>, invalid: number): number {
  return value === H273_UNSPECIFIED || value === invalid || !known.has(value) ? BT601 : value;
}

/** A frame's (or codec context's) colour fields. */
export function colorsOf(source: FrameColors): FrameColors {
  const { colorRange, colorPrimaries, colorTrc, colorSpace, chromaLocation } = source;
  return { colorRange, colorPrimaries, colorTrc, colorSpace, chromaLocation };
}

/**
 * Sets the colour fields of a frame (or codec context) that `colors` specifies; the others keep
 * what they had (for a decoded frame, what the bitstream said).
 */
export function applyColors(target: FrameColors, colors: FrameColors): void {
  if (colors.colorRange !== AVCOL_RANGE_UNSPECIFIED) target.colorRange = colors.colorRange;
  if (colors.colorPrimaries !== AVCOL_PRI_UNSPECIFIED) target.colorPrimaries = colors.colorPrimaries;
  if (colors.colorTrc !== AVCOL_TRC_UNSPECIFIED) target.colorTrc = colors.colorTrc;
  if (colors.colorSpace !== AVCOL_SPC_UNSPECIFIED) target.colorSpace = colors.colorSpace;
  if (colors.chromaLocation !== AVCHROMA_LOC_UNSPECIFIED) target.chromaLocation = colors.chromaLocation;
}

/** Whether two colour descriptions are the same (an encoder reopens only when they change). */
export function sameColors(a: FrameColors, b: FrameColors): boolean {
  return a.colorRange === b.colorRange && a.colorPrimaries === b.colorPrimaries && a.colorTrc === b.colorTrc && a.colorSpace === b.colorSpace && a.chromaLocation === b.chromaLocation;
}
