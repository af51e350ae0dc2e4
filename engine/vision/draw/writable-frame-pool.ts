/**
 * Frames a filter draws into. A filter must not write into the frame it received (other
 * consumers share it), so it copies into one of its own; the pool reuses a frame once every
 * downstream consumer has let go of it (FFmpeg's refcount says writable), so steady-state
 * drawing allocates nothing.
 */
import { Frame, Rational } from 'node-av';
import { AV_PIX_FMT_RGBA, AV_PIX_FMT_YUV420P, type AVPixelFormat } from 'node-av/constants';

export class WritableFramePool {
  private readonly frames: Frame[] = [];

  constructor(private readonly max = 4) {}

  /** A writable yuv420p copy of `source` (pixels and timing). Free nothing: the pool owns it. */
  copyOf(source: Frame): Frame {
    let frame = this.frames.find((f) => f.isWritable && f.width === source.width && f.height === source.height);
    if (!frame) {
      frame = new Frame();
      frame.alloc();
      frame.width = source.width;
      frame.height = source.height;
      frame.format = AV_PIX_FMT_YUV420P;
      const ret = frame.getBuffer(32);
      if (ret < 0) throw new Error(`cannot allocate a ${source.width}x${source.height} frame (error ${ret})`);
      this.frames.push(frame);
      if (this.frames.length > this.max) {
        // Consumers hold on to many frames: forget the oldest (their references keep it alive).
        this.frames.shift()?.free();
      }
    }
    const ret = frame.copy(source);
    if (ret < 0) throw new Error(`cannot copy a ${source.width}x${source.height} frame (error ${ret})`);
    frame.copyProps(source);
    return frame;
  }

  close(): void {
    for (const frame of this.frames) frame.free();
    this.frames.length = 0;
  }
}

/**
 * A frame that owns a copy of `buffer` (packed planes: RGBA, or yuv420p's Y, U, V one after
 * another). node-av's Frame.fromVideoBuffer and frame.fromBuffer keep pointing at the JS buffer's
 * memory instead of copying it, so the frame breaks (a segfault seen here) once the GC reclaims
 * the buffer; this copies row by row into memory FFmpeg allocated for the frame.
 */
export function frameOwning(buffer: Buffer, width: number, height: number, format: AVPixelFormat, timestampUs = 0): Frame {
  if (format !== AV_PIX_FMT_YUV420P && format !== AV_PIX_FMT_RGBA) throw new Error('frameOwning takes yuv420p or rgba');
  const frame = new Frame();
  frame.alloc();
  frame.width = width;
  frame.height = height;
  frame.format = format;
  frame.timeBase = new Rational(1, 1_000_000);
  frame.pts = BigInt(timestampUs);
  const ret = frame.getBuffer(32);
  const planes = frame.data;
  if (ret < 0 || !planes) {
    frame.free();
    throw new Error(`cannot allocate a ${width}x${height} frame (error ${ret})`);
  }
  const layout: [number, number][] = format === AV_PIX_FMT_YUV420P ? [[width, height], [width / 2, height / 2], [width / 2, height / 2]] : [[width * 4, height]];
  let offset = 0;
  layout.forEach(([rowBytes, rows], i) => {
    const stride = frame.linesize[i]!;
    for (let y = 0; y < rows; y++) buffer.copy(planes[i]!, y * stride, offset + y * rowBytes, offset + (y + 1) * rowBytes);
    offset += rowBytes * rows;
  });
  return frame;
}
