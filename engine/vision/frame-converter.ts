/**
 * Converts frames for the analysers (RGB for the face detector, grey for the code scanner),
 * resized, tightly packed, on libuv's pool, reading each frame's range and matrix. node-av's
 * Scaler reads neither: it takes every yuv420p frame as BT.601 limited, so a full-range frame
 * (Chromium's canvas and screen captures) came out with stretched contrast and shifted colours.
 * The context here takes both frames' tags (media/tagged-scale-context.ts).
 */
import { Frame } from 'node-av';
import { AV_PIX_FMT_GRAY8, AV_PIX_FMT_RGB24, type AVPixelFormat } from 'node-av/constants';
import { taggedScaleContext } from '../media/tagged-scale-context.ts';

export interface ConvertOptions {
  width: number;
  height: number;
  /** rgb: 3 bytes a pixel; gray: one, the BT.601 luma of the frame's colours over 0-255 (whatever its encoding). */
  format: 'rgb' | 'gray';
}

const FORMATS: Record<ConvertOptions['format'], AVPixelFormat> = { rgb: AV_PIX_FMT_RGB24, gray: AV_PIX_FMT_GRAY8 };
/** Output frames kept for reuse (an analyser asks for one or two sizes). */
const MAX_OUTPUTS = 4;

export class FrameConverter {
  private readonly context = taggedScaleContext();
  private readonly outputs = new Map<string, Frame>();
  private closed = false;

  /**
   * The frame converted to `format` at `width` x `height`, tightly packed. One conversion at a
   * time per converter: the output frame is reused.
   */
  async toBuffer(frame: Frame, options: ConvertOptions): Promise<Buffer> {
    if (this.closed) throw new Error('the frame converter is closed');
    const out = this.output(options);
    const ret = await this.context.scaleFrame(out, frame);
    if (ret < 0) throw new Error(`cannot convert a ${frame.width}x${frame.height} frame to ${options.format} ${options.width}x${options.height} (error ${ret})`);
    return out.toBuffer();
  }

  /** Frees the context and frames; call when no conversion is running. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.context.freeContext();
    for (const frame of this.outputs.values()) frame.free();
    this.outputs.clear();
  }

  private output({ width, height, format }: ConvertOptions): Frame {
    const key = `${format} ${width}x${height}`;
    let frame = this.outputs.get(key);
    if (!frame) {
      frame = new Frame();
      frame.alloc();
      frame.width = width;
      frame.height = height;
      frame.format = FORMATS[format];
      const ret = frame.getBuffer(32);
      if (ret < 0) {
        frame.free();
        throw new Error(`cannot allocate a ${format} ${width}x${height} frame (error ${ret})`);
      }
      if (this.outputs.size >= MAX_OUTPUTS) {
        const [oldest, old] = this.outputs.entries().next().value!;
        old.free();
        this.outputs.delete(oldest);
      }
      this.outputs.set(key, frame);
    }
    return frame;
  }
}
