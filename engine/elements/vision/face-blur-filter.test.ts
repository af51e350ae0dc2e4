// FaceBlurFilter on real pixels: the face region loses its detail, the rest of the frame is
// left exactly as it was; both modes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../index.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import { AstronautScene, trueFace } from '../../vision/test-scene.ts';
import type { FaceBlurFilter } from './face-blur-filter.ts';
import { detectorKeepsUp, feedFrames, lumaOf, lumaVariance, watchOutput } from './test-support.ts';

let scene: AstronautScene;
beforeAll(async () => {
  scene = await AstronautScene.load();
});
afterAll(() => scene.dispose());

describe('FaceBlurFilter', () => {
  for (const mode of ['BLUR', 'PIXELATE'] as const) {
    it(`${mode}: face detail drops, far-away pixels are untouched`, async () => {
      const placement = { x: 60, y: 20, size: 480 };
      const truth = trueFace(placement);
      const face = { x: truth.cx - truth.width * 0.35, y: truth.cy - truth.width * 0.35, w: truth.width * 0.7, h: truth.width * 0.7 };
      const original = await scene.frame(640, 480, placement, 0);
      const faceVariance = lumaVariance(original, face.x, face.y, face.w, face.h);
      // Far away: the bottom-right corner (helmet, background) and the left edge.
      const far = [lumaOf(original, 560, 400, 80, 80), lumaOf(original, 0, 0, 40, 480)];
      const pipeline = new MediaPipeline();
      const filter = pipeline.create('FaceBlurFilter', { mode, strength: 60 }) as FaceBlurFilter;
      const results: { variance: number; farSame: boolean }[] = [];
      const detach = watchOutput(filter, (unit) => {
        results.push({
          variance: lumaVariance(unit.frame, face.x, face.y, face.w, face.h),
          farSame: lumaOf(unit.frame, 560, 400, 80, 80).equals(far[0]!) && lumaOf(unit.frame, 0, 0, 40, 480).equals(far[1]!),
        });
      });
      await feedFrames(filter, 30, (_i, t) => scene.frame(640, 480, placement, t), 30, detectorKeepsUp(3));
      detach();
      pipeline.release();
      original.free();
      expect(results).toHaveLength(30);
      const hidden = results.filter((r) => r.variance < faceVariance * 0.5);
      expect(hidden.length).toBeGreaterThan(10);
      // Once hidden, it stays hidden (the tracker holds the face between detections).
      const first = results.findIndex((r) => r.variance < faceVariance * 0.5);
      expect(results.slice(first).every((r) => r.variance < faceVariance * 0.5)).toBe(true);
      expect(results.every((r) => r.farSame)).toBe(true);
    }, 60_000);
  }
});
