/**
 * Reads the Magic Mirror's result inside the page: for every frame the remote <video> shows,
 * the frame index from the strip at the bottom, the share of hat-green pixels in the expected
 * crown region, and whether any hat-green is visible at all. Runs in Chromium (canvas).
 */
import type { Page } from 'playwright-core';
import { placementAt } from '../../engine/vision/test-scene.ts';
import { CAMERA, INDEX_BITS, STRIP_BLOCK, STRIP_HEIGHT, expectedCrown } from './moving-face-camera.ts';

export interface ReceivedFrame {
  index: number;
  /** Share of hat-green pixels in the expected crown region (undefined in a frame without a face). */
  crown?: number;
  /** Hat-green pixels anywhere (in a quarter-size copy of the frame). */
  green: number;
}

interface Layout {
  bits: number;
  block: number;
  strip: number;
  width: number;
  height: number;
  crowns: ({ x: number; y: number; width: number; height: number } | null)[];
}

/** Starts sampling every received frame; returns a function that collects the results so far. */
export async function sampleReceivedFrames(page: Page): Promise<() => Promise<ReceivedFrame[]>> {
  const layout: Layout = {
    bits: INDEX_BITS,
    block: STRIP_BLOCK,
    strip: STRIP_HEIGHT,
    width: CAMERA.width,
    height: CAMERA.height,
    crowns: Array.from({ length: CAMERA.frames }, (_, i) => expectedCrown(i)),
  };
  await page.evaluate((l: Layout) => {
    const video = document.getElementById('remote') as HTMLVideoElement;
    const canvas = document.createElement('canvas');
    canvas.width = l.width;
    canvas.height = l.height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    // A quarter-size copy for the "any hat anywhere" count (cheap to read every frame).
    const small = document.createElement('canvas');
    small.width = l.width / 4;
    small.height = l.height / 4;
    const smallCtx = small.getContext('2d', { willReadFrequently: true })!;
    const out: ReceivedFrame[] = [];
    (window as unknown as { mirrorFrames: ReceivedFrame[] }).mirrorFrames = out;
    const isGreen = (d: Uint8ClampedArray, k: number): boolean => d[k + 1]! - Math.max(d[k]!, d[k + 2]!) > 60;
    const sample = (): void => {
      if (video.videoWidth === l.width && video.videoHeight === l.height) {
        ctx.drawImage(video, 0, 0);
        const strip = ctx.getImageData(0, l.height - l.strip, l.bits * l.block, l.strip).data;
        let index = 0;
        for (let bit = 0; bit < l.bits; bit++) {
          const k = ((l.strip >> 1) * l.bits * l.block + bit * l.block + (l.block >> 1)) * 4;
          if (strip[k]! + strip[k + 1]! + strip[k + 2]! > 382) index |= 1 << bit;
        }
        smallCtx.drawImage(video, 0, 0, small.width, small.height);
        const all = smallCtx.getImageData(0, 0, small.width, small.height - l.strip / 4).data;
        let green = 0;
        for (let k = 0; k < all.length; k += 4) if (isGreen(all, k)) green++;
        const crown = l.crowns[index];
        let share: number | undefined;
        if (crown) {
          const x0 = Math.max(0, Math.round(crown.x));
          const y0 = Math.max(0, Math.round(crown.y));
          const w = Math.max(1, Math.min(l.width - x0, Math.round(crown.width)));
          const h = Math.max(1, Math.min(l.height - y0, Math.round(crown.height)));
          const d = ctx.getImageData(x0, y0, w, h).data;
          let hits = 0;
          for (let k = 0; k < d.length; k += 4) if (isGreen(d, k)) hits++;
          share = hits / (d.length / 4);
        }
        out.push({ index, green, ...(share === undefined ? {} : { crown: share }) });
      }
      video.requestVideoFrameCallback(sample);
    };
    video.requestVideoFrameCallback(sample);
  }, layout);
  return () => page.evaluate(() => (window as unknown as { mirrorFrames: ReceivedFrame[] }).mirrorFrames.slice());
}

/** Samples received frames until `loops` loops of the camera file came back (or `timeoutMs`). */
export async function collectReceivedFrames(page: Page, loops: number, timeoutMs: number): Promise<ReceivedFrame[]> {
  const collect = await sampleReceivedFrames(page);
  const deadline = Date.now() + timeoutMs;
  let frames = await collect();
  while (frames.length < loops * CAMERA.frames && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    frames = await collect();
  }
  return frames;
}

export interface MirrorVerdict {
  received: number;
  /** Frames with a face, from the first one showing a hat (in each loop of the camera file). */
  withFaceAfterFirstHat: number;
  /** Of those, frames whose crown region is mostly hat-green. */
  hatInPlace: number;
  /** Frames without a face, from half a second after the face left. */
  withoutFace: number;
  /** Of those, frames showing any hat-green. */
  hatWithoutFace: number[];
}

/** What the Magic Mirror criteria look at, from the sampled frames. */
export function judgeMirror(frames: ReceivedFrame[]): MirrorVerdict {
  // The camera file loops: each loop the face appears anew and has to be detected anew, so
  // "after the first detection" is counted per loop (a loop starts where the index falls back).
  const loops: ReceivedFrame[][] = [];
  frames.forEach((f, i) => {
    if (i === 0 || f.index < frames[i - 1]!.index) loops.push([]);
    loops.at(-1)!.push(f);
  });
  const after = loops.flatMap((loop) => {
    const withFace = loop.filter((f) => f.crown !== undefined);
    const first = withFace.findIndex((f) => f.green > 0);
    return first < 0 ? [] : withFace.slice(first);
  });
  let lastFaceIndex = -1;
  for (let i = 0; i < CAMERA.frames; i++) if (placementAt(i, CAMERA.frames)) lastFaceIndex = i;
  const graceFrames = Math.round(CAMERA.fps / 2);
  const empty = frames.filter((f) => f.index > lastFaceIndex + graceFrames && f.index < CAMERA.frames);
  return {
    received: frames.length,
    withFaceAfterFirstHat: after.length,
    hatInPlace: after.filter((f) => f.crown! > 0.5).length,
    withoutFace: empty.length,
    hatWithoutFace: empty.filter((f) => f.green > 0).map((f) => f.index),
  };
}
