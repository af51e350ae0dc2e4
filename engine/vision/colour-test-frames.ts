/**
 * Test material for colour encodings: flat yuv420p frames of a known RGB colour in each range and
 * matrix a frame can say it has, made by libavfilter (scale's out_range/out_color_matrix, which
 * also tag the frame), and RGB read back by libavfilter, which reads the frame's tags as the
 * engine's filters and encoders do. Not used by the engine itself.
 */
import { FilterAPI, type Frame } from 'node-av';
import { AV_PIX_FMT_RGBA, AVCOL_RANGE_UNSPECIFIED, AVCOL_SPC_UNSPECIFIED } from 'node-av/constants';
import { frameOwning } from './draw/writable-frame-pool.ts';

export type Rgb = [number, number, number];

/** The encodings a frame can carry; 'untagged' says nothing (FFmpeg reads it as BT.601 limited). */
export const TEST_ENCODINGS = {
  untagged: 'out_range=limited:out_color_matrix=bt601',
  'BT.601 limited': 'out_range=limited:out_color_matrix=bt601',
  'BT.601 full': 'out_range=full:out_color_matrix=bt601',
  'BT.709 limited': 'out_range=limited:out_color_matrix=bt709',
  'BT.709 full': 'out_range=full:out_color_matrix=bt709',
  'BT.2020 limited': 'out_range=limited:out_color_matrix=bt2020',
  'BT.2020 full': 'out_range=full:out_color_matrix=bt2020',
  'SMPTE 240M limited': 'out_range=limited:out_color_matrix=smpte240m',
  'FCC full': 'out_range=full:out_color_matrix=fcc',
} as const;
export type TestEncoding = keyof typeof TEST_ENCODINGS;

/** Runs one frame through a libavfilter graph; the caller frees the result. */
function filtered(frame: Frame, graph: string): Frame {
  const filter = FilterAPI.create(graph);
  try {
    filter.processSync(frame);
    const out = filter.receiveSync();
    if (!out || typeof out !== 'object' || !out.data) throw new Error(`'${graph}' gave no frame`);
    return out;
  } finally {
    filter.close();
  }
}

/** A width x height yuv420p frame of one RGB colour in `encoding`, tagged with it (untagged: no tags). */
export function flatFrame(rgb: Rgb, encoding: TestEncoding, width = 64, height = 48): Frame {
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([...rgb, 255], 4 * i);
  const source = frameOwning(rgba, width, height, AV_PIX_FMT_RGBA);
  try {
    const frame = filtered(source, `scale=${TEST_ENCODINGS[encoding]},format=yuv420p`);
    if (encoding === 'untagged') {
      frame.colorRange = AVCOL_RANGE_UNSPECIFIED;
      frame.colorSpace = AVCOL_SPC_UNSPECIFIED;
    }
    return frame;
  } finally {
    source.free();
  }
}

/** The RGB of pixel (x, y) as libavfilter converts the frame (reading its range and matrix). */
export function rgbAt(frame: Frame, x: number, y: number): Rgb {
  const rgb = filtered(frame, 'format=rgb24');
  try {
    const at = y * rgb.linesize[0]! + x * 3;
    return [...rgb.data![0]!.subarray(at, at + 3)] as Rgb;
  } finally {
    rgb.free();
  }
}

/** The largest difference between two colours over R, G and B. */
export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.max(...a.map((c, k) => Math.abs(c - b[k]!)));
}
