/**
 * Test and bench material with known ground truth: yuv420p frames with the astronaut portrait
 * (assets/fixtures/face-astronaut.png, public domain) pasted at a chosen place and size over a
 * plain background, and a motion path that moves and scales it (with gaps where no face is in
 * the picture). Not used by the engine itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Scaler, type Frame } from 'node-av';
import { AV_PIX_FMT_RGBA, AV_PIX_FMT_YUV420P } from 'node-av/constants';
import { frameOwning } from './draw/writable-frame-pool.ts';
import { decodeImage, type RgbaImage } from './image-file.ts';

export const ASTRONAUT_PNG = path.resolve(import.meta.dirname, '../../assets/fixtures/face-astronaut.png');
/** Where the face is in the 512x512 portrait (BlazeFace's box, checked by eye): centre and width. */
export const ASTRONAUT_FACE = { cx: 226, cy: 127, width: 102 };

/** The portrait's top-left corner and side in frame pixels; null for a frame without a face. */
export type Placement = { x: number; y: number; size: number } | null;

export interface TrueFace {
  cx: number;
  cy: number;
  width: number;
}

export function trueFace(placement: NonNullable<Placement>): TrueFace {
  const k = placement.size / 512;
  return { cx: placement.x + ASTRONAUT_FACE.cx * k, cy: placement.y + ASTRONAUT_FACE.cy * k, width: ASTRONAUT_FACE.width * k };
}

/**
 * The scripted path over `frames` frames: the portrait drifts right, then left, then back (one
 * sine period, ±50 px), grows and shrinks (face width ~80 to ~104 px at 640x480): a person
 * moving in front of a webcam. The last sixth of the frames has no face.
 */
export function placementAt(index: number, frames: number, width = 640, height = 480): Placement {
  if (index >= Math.floor((frames * 5) / 6)) return null;
  const phase = index / Math.floor((frames * 5) / 6);
  const size = Math.round((400 + 120 * Math.sin(phase * Math.PI)) / 8) * 8; // 400..520, few distinct sizes
  const x = Math.round((width - size) / 2 + 50 * Math.sin(phase * 2 * Math.PI));
  const y = Math.round(height * 0.1 - size * 0.05);
  return { x, y, size };
}

export class AstronautScene {
  private readonly scaler = new Scaler();
  private readonly cache = new Map<number, Buffer>();

  private constructor(private readonly portrait: Frame) {}

  static async load(file = ASTRONAUT_PNG): Promise<AstronautScene> {
    const image: RgbaImage = await decodeImage(readFileSync(file));
    return new AstronautScene(frameOwning(image.rgba, image.width, image.height, AV_PIX_FMT_RGBA));
  }

  /** A yuv420p frame: grey-blue background, the portrait at `placement` (clipped at the edges). */
  frame(width: number, height: number, placement: Placement, timestampUs: number): Promise<Frame> {
    return this.frameWith(width, height, placement ? [placement] : [], timestampUs);
  }

  /** The same with several portraits (later ones drawn over earlier ones). */
  async frameWith(width: number, height: number, placements: NonNullable<Placement>[], timestampUs: number): Promise<Frame> {
    const cw = width / 2;
    const ch = height / 2;
    const buffer = Buffer.alloc(width * height + 2 * cw * ch);
    buffer.fill(110, 0, width * height);
    buffer.fill(140, width * height, width * height + cw * ch);
    buffer.fill(120, width * height + cw * ch);
    for (const placement of placements) {
      const size = placement.size & ~1;
      const portrait = await this.scaled(size);
      const px = placement.x & ~1;
      const py = placement.y & ~1;
      const planes: [number, number, number, number, number][] = [
        [0, width, size, 0, 1],
        [width * height, cw, size / 2, size * size, 2],
        [width * height + cw * ch, cw, size / 2, size * size + (size / 2) ** 2, 2],
      ];
      for (const [dstBase, dstStride, side, srcBase, div] of planes) {
        const ox = px / div;
        const oy = py / div;
        const rows = height / div;
        for (let y = Math.max(0, -oy); y < side && oy + y < rows; y++) {
          const from = Math.max(0, -ox);
          const to = Math.min(side, dstStride - ox);
          if (to <= from) continue;
          portrait.copy(buffer, dstBase + (oy + y) * dstStride + ox + from, srcBase + y * side + from, srcBase + y * side + to);
        }
      }
    }
    return frameOwning(buffer, width, height, AV_PIX_FMT_YUV420P, timestampUs);
  }

  dispose(): void {
    this.portrait.free();
    this.scaler[Symbol.dispose]();
  }

  private async scaled(size: number): Promise<Buffer> {
    let planes = this.cache.get(size);
    if (!planes) {
      planes = await this.scaler.toBuffer(this.portrait, { resize: { width: size, height: size }, format: 'yuv420p' });
      this.cache.set(size, planes);
    }
    return planes;
  }
}
