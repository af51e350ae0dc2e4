/**
 * The picture a mixing hub composes: a yuv420p frame of its own (reused once every consumer
 * has let go of it), cleared to black, with input frames scaled into rectangles. Scaling runs
 * through libswscale with one context per input; a picture already at the rectangle's size is
 * copied row by row.
 *
 * The canvas is limited-range BT.601 (what cameras send, what FFmpeg and a receiver without
 * the color-space extension assume) and its frames say so, so the encoder describes them. An
 * input read differently (a full-range canvas capture, a BT.709 matrix) is converted into that
 * through swscale, which takes both sides' colours from the frames' tags. Only the range and
 * the matrix are converted: primaries and transfer are left as they are (no gamut mapping).
 */
import { Frame, Rational, type SoftwareScaleContext } from 'node-av';
import {
  AV_PIX_FMT_YUV420P,
  AVCOL_RANGE_MPEG,
  AVCOL_RANGE_UNSPECIFIED,
  AVCOL_SPC_BT470BG,
  AVCOL_SPC_SMPTE170M,
  AVCOL_SPC_UNSPECIFIED,
  type AVColorRange,
  type AVColorSpace,
} from 'node-av/constants';
import { taggedScaleContext } from '../../media/tagged-scale-context.ts';
import { planesOf, type YuvPlanes } from '../../vision/draw/yuv-planes.ts';
import { even, type Rect } from './grid-layout.ts';

/** The canvas's colours: limited range, BT.601 matrix. */
const CANVAS_RANGE: AVColorRange = AVCOL_RANGE_MPEG;
const CANVAS_MATRIX: AVColorSpace = AVCOL_SPC_SMPTE170M;
/** Matrices whose YUV reads as the canvas's (BT.470BG and SMPTE 170M are both BT.601; unspecified is read as BT.601). */
const BT601_MATRICES = new Set<AVColorSpace>([AVCOL_SPC_UNSPECIFIED, AVCOL_SPC_BT470BG, AVCOL_SPC_SMPTE170M]);

/** Whether a frame's YUV can be copied into the canvas as it is. */
function readsAsCanvas(frame: Frame): boolean {
  return (frame.colorRange === AVCOL_RANGE_UNSPECIFIED || frame.colorRange === CANVAS_RANGE) && BT601_MATRICES.has(frame.colorSpace);
}

interface Scaler {
  context: SoftwareScaleContext;
  target: Frame;
  key: string;
}

export class VideoCanvas {
  private readonly frames: Frame[] = [];
  private readonly scalers = new Map<unknown, Scaler>();

  /** A black writable frame of the canvas size; the caller publishes it and must not free it. */
  blank(width: number, height: number, timestampUs: number): Frame {
    const frame = this.writable(even(width), even(height));
    const p = planesOf(frame);
    p.y.fill(16, 0, p.yStride * p.height);
    p.u.fill(128, 0, p.uStride * (p.height / 2));
    p.v.fill(128, 0, p.vStride * (p.height / 2));
    frame.timeBase = new Rational(1, 1_000_000);
    frame.pts = BigInt(timestampUs);
    frame.colorRange = CANVAS_RANGE;
    frame.colorSpace = CANVAS_MATRIX;
    return frame;
  }

  /** Draws `source` (yuv420p) scaled into `rect` of `canvas`; `owner` keys the scaler to reuse. */
  draw(canvas: Frame, source: Frame, rect: Rect, owner: unknown): void {
    const r = { x: even(rect.x), y: even(rect.y), width: even(rect.width), height: even(rect.height) };
    r.width = Math.min(r.width, even(canvas.width - r.x));
    r.height = Math.min(r.height, even(canvas.height - r.y));
    if (r.width <= 0 || r.height <= 0) return;
    const atSize = source.width === r.width && source.height === r.height;
    const picture = atSize && readsAsCanvas(source) ? source : this.scaled(source, r, owner);
    copyPlanes(planesOf(picture), planesOf(canvas), r);
  }

  /** Forgets an input's scaler (it left). */
  forget(owner: unknown): void {
    const scaler = this.scalers.get(owner);
    if (!scaler) return;
    scaler.context.freeContext();
    scaler.target.free();
    this.scalers.delete(owner);
  }

  close(): void {
    for (const owner of [...this.scalers.keys()]) this.forget(owner);
    for (const frame of this.frames) frame.free();
    this.frames.length = 0;
  }

  /** `source` scaled to r's size and converted to the canvas's colours. */
  private scaled(source: Frame, r: Rect, owner: unknown): Frame {
    const { colorRange, colorSpace, colorPrimaries, colorTrc } = source;
    const key = `${source.width}x${source.height} range ${colorRange} matrix ${colorSpace} primaries ${colorPrimaries} transfer ${colorTrc} > ${r.width}x${r.height}`;
    let scaler = this.scalers.get(owner);
    if (scaler?.key !== key) {
      this.forget(owner);
      // Set up by swscale from the two frames' sizes and colour tags.
      const context = taggedScaleContext();
      const target = allocFrame(r.width, r.height);
      target.colorRange = CANVAS_RANGE;
      target.colorSpace = CANVAS_MATRIX;
      // Same primaries and transfer on both sides, or swscale maps the gamut as well (the canvas does not claim any primaries).
      target.colorPrimaries = colorPrimaries;
      target.colorTrc = colorTrc;
      scaler = { context, target, key };
      this.scalers.set(owner, scaler);
    }
    const ret = scaler.context.scaleFrameSync(scaler.target, source);
    if (ret < 0) throw new Error(`cannot scale ${key} (error ${ret})`);
    return scaler.target;
  }

  private writable(width: number, height: number): Frame {
    let frame = this.frames.find((f) => f.isWritable && f.width === width && f.height === height);
    if (!frame) {
      frame = allocFrame(width, height);
      this.frames.push(frame);
      // Consumers hold many frames: forget the oldest (their references keep it alive).
      if (this.frames.length > 6) this.frames.shift()?.free();
    }
    return frame;
  }
}

function allocFrame(width: number, height: number): Frame {
  const frame = new Frame();
  frame.alloc();
  frame.width = width;
  frame.height = height;
  frame.format = AV_PIX_FMT_YUV420P;
  const ret = frame.getBuffer(32);
  if (ret < 0) {
    frame.free();
    throw new Error(`cannot allocate a ${width}x${height} frame (error ${ret})`);
  }
  return frame;
}

/** Copies a picture of exactly r's size into r of the canvas, plane by plane. */
function copyPlanes(from: YuvPlanes, to: YuvPlanes, r: Rect): void {
  for (let row = 0; row < r.height; row++) {
    from.y.copy(to.y, (r.y + row) * to.yStride + r.x, row * from.yStride, row * from.yStride + r.width);
  }
  const cx = r.x / 2;
  const cw = r.width / 2;
  for (let row = 0; row < r.height / 2; row++) {
    const at = r.y / 2 + row;
    from.u.copy(to.u, at * to.uStride + cx, row * from.uStride, row * from.uStride + cw);
    from.v.copy(to.v, at * to.vStride + cx, row * from.vStride, row * from.vStride + cw);
  }
}
