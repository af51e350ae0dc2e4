/**
 * Direct access to a yuv420p frame's pixels for drawing: the three planes as Buffers that map
 * FFmpeg's memory (writes land in the frame) with their strides, and how they encode RGB. Only
 * for frames we own and that are writable (see WritableFramePool).
 */
import type { Frame } from 'node-av';
import { encodingOf, type YuvEncoding } from './yuv-encoding.ts';

export { rgbToYuv } from './yuv-encoding.ts';

export interface YuvPlanes {
  width: number;
  height: number;
  y: Buffer;
  u: Buffer;
  v: Buffer;
  yStride: number;
  uStride: number;
  vStride: number;
  /** The frame's range and matrix (from its tags): colours drawn are encoded with it. */
  encoding: YuvEncoding;
}

export function planesOf(frame: Frame): YuvPlanes {
  const data = frame.data;
  const [yStride, uStride, vStride] = frame.linesize;
  if (!data || data.length < 3 || !yStride || !uStride || !vStride) throw new Error(`frame ${frame.width}x${frame.height} has no yuv420p planes`);
  return { width: frame.width, height: frame.height, y: data[0]!, u: data[1]!, v: data[2]!, yStride, uStride, vStride, encoding: encodingOf(frame) };
}

/** An integer rectangle clipped to the frame, with even edges so chroma lines up; undefined if empty. */
export function clipRect(p: YuvPlanes, x: number, y: number, width: number, height: number): { x0: number; y0: number; x1: number; y1: number } | undefined {
  const x0 = Math.max(0, Math.floor(x / 2) * 2);
  const y0 = Math.max(0, Math.floor(y / 2) * 2);
  const x1 = Math.min(p.width & ~1, Math.ceil((x + width) / 2) * 2);
  const y1 = Math.min(p.height & ~1, Math.ceil((y + height) / 2) * 2);
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : undefined;
}
