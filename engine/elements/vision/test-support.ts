/**
 * Helpers for the vision filter tests and the bench: feed real frames into a filter's sink at a
 * real frame rate and look at the pixels it publishes. Not used by the engine itself.
 */
import type { Frame } from 'node-av';
import { inlet } from '../../media/media-inlet.ts';
import type { RawVideoUnit } from '../../media/media-unit.ts';
import type { MediaElement } from '../../model/media-element.ts';
import { planesOf } from '../../vision/draw/yuv-planes.ts';
import { sharedFaceDetection } from '../../vision/shared-services.ts';
import type { TrueFace } from '../../vision/test-scene.ts';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `onFrame` for every video unit the element publishes; returns a detach function. */
export function watchOutput(element: MediaElement, onFrame: (unit: RawVideoUnit) => void): () => void {
  const outlet = element.getOutlet('VIDEO');
  if (!outlet) throw new Error(`${element.describe()} has no video outlet`);
  return outlet.attach(
    inlet('VIDEO', { raw: true }, (unit) => {
      if (unit.kind === 'raw-video') onFrame(unit);
    }),
  );
}

/**
 * Pushes `count` frames made by `make(i)` into the element's video sink at `fps` (paced by the
 * clock, as a camera would), freeing each after delivery.
 */
export async function feedFrames(
  element: MediaElement,
  count: number,
  make: (index: number, timestampUs: number) => Promise<Frame> | Frame,
  fps = 30,
  /** Awaited before each frame: lets a test hold the video until analysis has caught up. */
  gate?: (index: number) => Promise<void>,
): Promise<void> {
  const sink = element.getInlet('VIDEO');
  if (!sink) throw new Error(`${element.describe()} takes no video`);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    await gate?.(i);
    const timestampUs = Math.round((i * 1_000_000) / fps);
    const frame = await make(i, timestampUs);
    sink.receive({ kind: 'raw-video', mediaType: 'VIDEO', frame, width: frame.width, height: frame.height, timestampUs });
    frame.free();
    const wait = started + ((i + 1) * 1000) / fps - performance.now();
    if (wait > 0) await sleep(wait);
  }
}

/**
 * A gate for feedFrames: every `every` frames, waits until the shared face detector is idle, so
 * the detector sees at least one frame in `every` and answers within `every` frames of video
 * time, however loaded the machine is (speed belongs to the bench, not to tests).
 */
export function detectorKeepsUp(every: number): (index: number) => Promise<void> {
  return async (index) => {
    if (index % every !== 0) return;
    const started = performance.now();
    for (;;) {
      const service = sharedFaceDetection();
      if (!service || service.failed || service.idle || performance.now() - started > 20_000) return;
      await sleep(5);
    }
  };
}

/** Fraction of chroma samples in a luma-pixel rectangle that pass `test(u, v)`. */
export function chromaShare(frame: Frame, x: number, y: number, width: number, height: number, test: (u: number, v: number) => boolean): number {
  const p = planesOf(frame);
  let hits = 0;
  let total = 0;
  const x0 = Math.max(0, Math.floor(x / 2));
  const y0 = Math.max(0, Math.floor(y / 2));
  const x1 = Math.min(p.width >> 1, Math.ceil((x + width) / 2));
  const y1 = Math.min(p.height >> 1, Math.ceil((y + height) / 2));
  for (let cy = y0; cy < y1; cy++) {
    for (let cx = x0; cx < x1; cx++) {
      total++;
      if (test(p.u[cy * p.uStride + cx]!, p.v[cy * p.vStride + cx]!)) hits++;
    }
  }
  return total === 0 ? 0 : hits / total;
}

/** Variance of luma in a rectangle (how much detail there is). */
export function lumaVariance(frame: Frame, x: number, y: number, width: number, height: number): number {
  const p = planesOf(frame);
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (let row = Math.max(0, Math.floor(y)); row < Math.min(p.height, Math.ceil(y + height)); row++) {
    for (let col = Math.max(0, Math.floor(x)); col < Math.min(p.width, Math.ceil(x + width)); col++) {
      const v = p.y[row * p.yStride + col]!;
      sum += v;
      sq += v * v;
      n++;
    }
  }
  return n === 0 ? 0 : sq / n - (sum / n) ** 2;
}

/** Luma of a rectangle, row by row, as one Buffer (to compare frames). */
export function lumaOf(frame: Frame, x: number, y: number, width: number, height: number): Buffer {
  const p = planesOf(frame);
  const rows: Buffer[] = [];
  for (let row = y; row < y + height; row++) rows.push(Buffer.from(p.y.subarray(row * p.yStride + x, row * p.yStride + x + width)));
  return Buffer.concat(rows);
}

/** The hat's green (assets/overlays/hat.png) in yuv420p chroma: U ~93, V ~74. */
export const isHatGreen = (u: number, v: number): boolean => u < 112 && v < 96;

/**
 * The middle of the hat's crown over a true face, for Kurento's tutorial hat
 * (-0.35, -1.2, 1.6, 1.6): well inside the hat wherever it is drawn correctly.
 */
export function hatCrown(face: TrueFace): { x: number; y: number; width: number; height: number } {
  const top = face.cy - face.width / 2;
  return { x: face.cx - 0.15 * face.width, y: top - 0.75 * face.width, width: 0.3 * face.width, height: 0.45 * face.width };
}

/** Share of hat-green in the crown region over `face` (above 0.5: the hat is in place). */
export function hatShare(frame: Frame, face: TrueFace): number {
  const c = hatCrown(face);
  return chromaShare(frame, c.x, c.y, c.width, c.height, isHatGreen);
}
