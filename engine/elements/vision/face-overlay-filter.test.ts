// FaceOverlayFilter on real pixels: the astronaut moving and scaling over four seconds (last
// sixth without a face); the bundled hat must sit above the true face box and vanish with the face.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../index.ts';
import { MediaError } from '../../errors.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import type { Face, Point } from '../../vision/face.ts';
import { AstronautScene, placementAt, trueFace } from '../../vision/test-scene.ts';
import { configureFaceDetection } from '../../vision/shared-services.ts';
import { nextEvent } from '../test-support.ts';
import { overlayPlacement, type FaceOverlayFilter } from './face-overlay-filter.ts';
import { chromaShare, detectorKeepsUp, feedFrames, hatShare, isHatGreen, watchOutput } from './test-support.ts';

const FRAMES = 120;

function keypointsWithEyes(rightEye: Point, leftEye: Point): Face['keypoints'] {
  const nose = { x: (rightEye.x + leftEye.x) / 2, y: rightEye.y + 20 };
  return { rightEye, leftEye, nose, mouth: { x: nose.x, y: nose.y + 20 }, rightEar: { x: rightEye.x - 20, y: rightEye.y }, leftEar: { x: leftEye.x + 20, y: leftEye.y } };
}
let scene: AstronautScene;
beforeAll(async () => {
  scene = await AstronautScene.load();
});
afterAll(() => scene.dispose());

describe('FaceOverlayFilter', () => {
  // Video is held back whenever the detector falls behind one frame in three (detectorKeepsUp), so
  // the check holds on a loaded machine too; real-time behaviour is measured in bench/vision.ts.
  it('puts the hat above the face in >= 95% of frames after the first detection, and none without a face', async () => {
    const pipeline = new MediaPipeline();
    const filter = pipeline.create('FaceOverlayFilter') as FaceOverlayFilter;
    await filter.invoke('setOverlayedImage', { uri: 'asset:hat.png', offsetXPercent: -0.35, offsetYPercent: -1.2, widthPercent: 1.6, heightPercent: 1.6 });
    const results: { index: number; hat: number; anywhere: number }[] = [];
    const detach = watchOutput(filter, (unit) => {
      const index = Math.round((unit.timestampUs * 30) / 1e6);
      const placement = placementAt(index, FRAMES);
      const anywhere = chromaShare(unit.frame, 0, 0, unit.width, unit.height, isHatGreen);
      if (!placement) return results.push({ index, hat: 0, anywhere });
      results.push({ index, hat: hatShare(unit.frame, trueFace(placement)), anywhere });
    });
    await feedFrames(filter, FRAMES, (i, t) => scene.frame(640, 480, placementAt(i, FRAMES), t), 30, detectorKeepsUp(3));
    detach();
    pipeline.release();

    expect(results).toHaveLength(FRAMES);
    const withFace = results.filter((r) => placementAt(r.index, FRAMES));
    const first = withFace.findIndex((r) => r.anywhere > 0);
    expect(first).toBeGreaterThanOrEqual(0);
    const after = withFace.slice(first);
    const good = after.filter((r) => r.hat > 0.5).length;
    expect(good / after.length).toBeGreaterThanOrEqual(0.95);
    // Without a face: no hat anywhere once the tracker has had half a second to let go.
    const lastFace = withFace.at(-1)!.index;
    const empty = results.filter((r) => !placementAt(r.index, FRAMES) && r.index > lastFace + 15);
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.every((r) => r.anywhere === 0)).toBe(true);
  }, 60_000);

  it('puts a hat on every face in the picture', async () => {
    const pipeline = new MediaPipeline();
    const filter = pipeline.create('FaceOverlayFilter') as FaceOverlayFilter;
    await filter.setOverlayedImage('asset:hat.png', -0.35, -1.2, 1.6, 1.6);
    const portraits = [
      { x: 0, y: 120, size: 320 },
      { x: 320, y: 140, size: 320 },
    ];
    const last: number[][] = [];
    const detach = watchOutput(filter, (unit) => last.push(portraits.map((p) => hatShare(unit.frame, trueFace(p)))));
    await feedFrames(filter, 30, (_i, t) => scene.frameWith(640, 480, portraits, t), 30, detectorKeepsUp(3));
    detach();
    pipeline.release();
    // Once both are tracked, both wear a hat in every frame.
    const both = last.findIndex((shares) => shares.every((s) => s > 0.5));
    expect(both).toBeGreaterThanOrEqual(0);
    expect(both).toBeLessThan(20);
    expect(last.slice(both).every((shares) => shares.every((s) => s > 0.5))).toBe(true);
  }, 60_000);

  it('turns the overlay with the eye line, around the face centre', () => {
    const level = { x: 100, y: 100, width: 100, height: 100, score: 1, keypoints: keypointsWithEyes({ x: 130, y: 130 }, { x: 170, y: 130 }) };
    const hat = { offsetX: -0.35, offsetY: -1.2, width: 1.6, height: 1.6 };
    const upright = overlayPlacement(level, hat);
    // Kurento's rectangle: x from 65 to 225, y from -20 to 140; centre (145, 60), no rotation.
    expect(upright).toEqual({ cx: 145, cy: 60, width: 160, height: 160, angle: 0 });
    // Head tilted 30° clockwise (the left eye, on the image's right, lower): the hat turns with it.
    const a = Math.PI / 6;
    const tilted = overlayPlacement({ ...level, keypoints: keypointsWithEyes({ x: 150 - 20 * Math.cos(a), y: 150 - 20 * Math.sin(a) }, { x: 150 + 20 * Math.cos(a), y: 150 + 20 * Math.sin(a) }) }, hat);
    expect(tilted.angle).toBeCloseTo(a, 6);
    // The hat's centre is (-5, -90) from the face centre, rotated by 30°.
    expect(tilted.cx).toBeCloseTo(150 + -5 * Math.cos(a) - -90 * Math.sin(a), 6);
    expect(tilted.cy).toBeCloseTo(150 + -5 * Math.sin(a) + -90 * Math.cos(a), 6);
  });

  it('draws nothing before an image is set and after unsetOverlayedImage', async () => {
    const pipeline = new MediaPipeline();
    const filter = pipeline.create('FaceOverlayFilter') as FaceOverlayFilter;
    const placement = { x: 80, y: 20, size: 480 };
    let green = 0;
    let frames = 0;
    const detach = watchOutput(filter, (unit) => {
      frames++;
      green += chromaShare(unit.frame, 0, 0, unit.width, unit.height, isHatGreen);
    });
    await feedFrames(filter, 10, (_i, t) => scene.frame(640, 480, placement, t));
    await filter.setOverlayedImage('asset:hat.png', -0.35, -1.2, 1.6, 1.6);
    filter.unsetOverlayedImage();
    await feedFrames(filter, 10, (_i, t) => scene.frame(640, 480, placement, t));
    detach();
    pipeline.release();
    expect(frames).toBe(20);
    expect(green).toBe(0);
  }, 30_000);

  it('rejects a missing or non-image overlay URI with a clear error and keeps passing video', async () => {
    const pipeline = new MediaPipeline();
    const filter = pipeline.create('FaceOverlayFilter') as FaceOverlayFilter;
    const missing = filter.invoke('setOverlayedImage', { uri: 'file:///nonexistent/hat.png', offsetXPercent: 0, offsetYPercent: 0, widthPercent: 1, heightPercent: 1 });
    await expect(missing).rejects.toBeInstanceOf(MediaError);
    await expect(missing).rejects.toThrow(/cannot read image 'file:\/\/\/nonexistent\/hat\.png': file not found/);
    const text = path.join(tmpdir(), `fluo-not-an-image-${process.pid}.png`);
    writeFileSync(text, 'this is text, not a picture\n'.repeat(20));
    await expect(filter.setOverlayedImage(`file://${text}`, 0, 0, 1, 1)).rejects.toThrow(/is not an image FFmpeg can decode/);
    await expect(filter.setOverlayedImage('../../etc/passwd', 0, 0, 1, 1)).rejects.toThrow(/not a file:\/\/, http\(s\):\/\/ or bundled asset URI/);
    let frames = 0;
    const detach = watchOutput(filter, () => frames++);
    await feedFrames(filter, 5, (_i, t) => scene.frame(320, 240, null, t));
    detach();
    expect(frames).toBe(5);
    pipeline.release();
  }, 30_000);

  it('reports a missing face model as an Error event naming the file, and keeps passing video', async () => {
    configureFaceDetection({ modelPath: '/nonexistent/models/blazeface.json', log: () => {} });
    try {
      const pipeline = new MediaPipeline();
      const filter = pipeline.create('FaceOverlayFilter') as FaceOverlayFilter;
      await filter.setOverlayedImage('asset:hat.png', -0.35, -1.2, 1.6, 1.6);
      const error = nextEvent(filter, 'Error');
      let frames = 0;
      const detach = watchOutput(filter, () => frames++);
      await feedFrames(filter, 5, (_i, t) => scene.frame(320, 240, null, t));
      const event = await error;
      expect(event.description).toMatch(/face detector unavailable: face model description cannot be read: \/nonexistent\/models\/blazeface\.json/);
      expect(event.type).toBe('MEDIA_OBJECT_NOT_AVAILABLE');
      await feedFrames(filter, 5, (_i, t) => scene.frame(320, 240, null, 500_000 + t));
      detach();
      expect(frames).toBe(10);
      pipeline.release();
    } finally {
      configureFaceDetection({});
    }
  }, 30_000);
});
