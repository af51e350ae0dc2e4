/**
 * The picture a mixing hub composes: a yuv420p frame of its own (reused once every consumer
 * has let go of it), cleared to black, with input frames scaled into rectangles. Scaling runs
 * through libswscale with one context per input; a picture already at the rectangle's size is
 * copied row by row.
 */
import { Frame, Rational, SoftwareScaleContext } from 'node-av';
import { AV_PIX_FMT_YUV420P, SWS_BILINEAR } from 'node-av/constants';
import { planesOf, type YuvPlanes } from '../../vision/draw/yuv-planes.ts';
import { even, type Rect } from './grid-layout.ts';

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
    return frame;
  }

  /** Draws `source` (yuv420p) scaled into `rect` of `canvas`; `owner` keys the scaler to reuse. */
  draw(canvas: Frame, source: Frame, rect: Rect, owner: unknown): void {
    const r = { x: even(rect.x), y: even(rect.y), width: even(rect.width), height: even(rect.height) };
    r.width = Math.min(r.width, even(canvas.width - r.x));
    r.height = Math.min(r.height, even(canvas.height - r.y));
    if (r.width <= 0 || r.height <= 0) return;
    const picture = source.width === r.width && source.height === r.height ? source : this.scaled(source, r, owner);
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

  private scaled(source: Frame, r: Rect, owner: unknown): Frame {
    const key = `${source.width}x${source.height}>${r.width}x${r.height}`;
    let scaler = this.scalers.get(owner);
    if (scaler?.key !== key) {
      this.forget(owner);
      const context = new SoftwareScaleContext();
      context.getContext(source.width, source.height, AV_PIX_FMT_YUV420P, r.width, r.height, AV_PIX_FMT_YUV420P, SWS_BILINEAR);
      scaler = { context, target: allocFrame(r.width, r.height), key };
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
