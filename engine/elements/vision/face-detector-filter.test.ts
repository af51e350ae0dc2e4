// FaceDetectorFilter on the moving astronaut: every analysed frame raises FacesDetected; the face
// is found in >= 95% of analysed frames that show it, its box centre within 10% of the face width
// of where the test put it, and frames without a face report none. drawBoxes draws on the video.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../index.ts';
import type { MediaElement } from '../../model/media-element.ts';
import type { MediaEvent } from '../../model/media-object.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import { eyeLineAngle, type Face } from '../../vision/face.ts';
import { sharedFaceDetection } from '../../vision/shared-services.ts';
import { AstronautScene, placementAt, trueFace } from '../../vision/test-scene.ts';
import type { FaceDetectorFilter } from './face-detector-filter.ts';
import { chromaShare, detectorKeepsUp, feedFrames, sleep, watchOutput } from './test-support.ts';

const FRAMES = 90;
let scene: AstronautScene;
beforeAll(async () => {
  scene = await AstronautScene.load();
});
afterAll(() => scene.dispose());

describe('FaceDetectorFilter', () => {
  it('reports the face where it is in >= 95% of analysed frames, with keypoints and the frame timestamp', async () => {
    const pipeline = new MediaPipeline();
    const filter = pipeline.create('FaceDetectorFilter', { minScore: 0.6 }) as FaceDetectorFilter;
    const events: MediaEvent[] = [];
    filter.on('FacesDetected', (event) => events.push(event));
    let passed = 0;
    const detach = watchOutput(filter, () => passed++);
    await feedFrames(filter, FRAMES, (i, t) => scene.frame(640, 480, placementAt(i, FRAMES), t), 30, detectorKeepsUp(3));
    detach();
    const backend = filter.detectorBackend;
    expect(sharedFaceDetection()).toBeDefined();
    pipeline.release();
    // The last face filter gone, the detector's worker is gone too.
    expect(sharedFaceDetection()).toBeUndefined();

    expect(backend).toMatch(/^TensorFlow\.js (wasm \(SIMD|tensorflow)/);
    expect(passed).toBe(FRAMES); // the video passes through, frame for frame
    const analysed = events.map((e) => ({ index: Math.round(((e.frameTimestamp as number) * 30) / 1000), faces: e.faces as Face[], e }));
    const withFace = analysed.filter((a) => placementAt(a.index, FRAMES));
    expect(withFace.length).toBeGreaterThanOrEqual(FRAMES / 4);
    const found = withFace.filter((a) => {
      const truth = trueFace(placementAt(a.index, FRAMES)!);
      const f = a.faces[0];
      return a.faces.length === 1 && f && Math.hypot(f.x + f.width / 2 - truth.cx, f.y + f.height / 2 - truth.cy) <= 0.1 * truth.width;
    });
    expect(found.length / withFace.length).toBeGreaterThanOrEqual(0.95);
    const sample = withFace[0]!.e;
    expect([sample.frameWidth, sample.frameHeight]).toEqual([640, 480]);
    const face = (sample.faces as Face[])[0]!;
    expect(face.score).toBeGreaterThanOrEqual(0.6);
    expect(Object.keys(face.keypoints).sort()).toEqual(['leftEar', 'leftEye', 'mouth', 'nose', 'rightEar', 'rightEye']);
    const withoutFace = analysed.filter((a) => !placementAt(a.index, FRAMES));
    expect(withoutFace.length).toBeGreaterThan(0);
    expect(withoutFace.every((a) => a.faces.length === 0)).toBe(true);
  }, 60_000);

  it('reports the eye line of a tilted head (what FaceOverlayFilter turns its image by)', async () => {
    const pipeline = new MediaPipeline();
    // The portrait turned 20° clockwise by libavfilter, then the detector.
    const rotate = pipeline.create('FfmpegFilter', { command: 'rotate=20*PI/180:fillcolor=gray' }) as MediaElement;
    const filter = pipeline.create('FaceDetectorFilter') as FaceDetectorFilter;
    rotate.connect(filter);
    const angles: number[] = [];
    filter.on('FacesDetected', (event) => {
      const face = (event.faces as Face[])[0];
      if (face) angles.push(eyeLineAngle(face));
    });
    await feedFrames(rotate, 30, (_i, t) => scene.frame(640, 480, { x: 80, y: 0, size: 480 }, t), 30, detectorKeepsUp(3));
    for (let i = 0; i < 100 && angles.length < 3; i++) await sleep(20);
    pipeline.release();
    expect(angles.length).toBeGreaterThanOrEqual(3);
    for (const angle of angles) expect(Math.abs(angle - (20 * Math.PI) / 180)).toBeLessThan((6 * Math.PI) / 180);
  }, 60_000);

  it('draws boxes only when asked', async () => {
    const pipeline = new MediaPipeline();
    const filter = pipeline.create('FaceDetectorFilter', { drawBoxes: true }) as FaceDetectorFilter;
    const placement = { x: 80, y: 20, size: 480 };
    const truth = trueFace(placement);
    // The box colour (0, 230, 90): low U and V, like nothing in the portrait.
    const isBox = (u: number, v: number): boolean => u < 110 && v < 60;
    const boxShare: number[] = [];
    const detach = watchOutput(filter, (unit) => boxShare.push(chromaShare(unit.frame, truth.cx - truth.width / 2 - 6, truth.cy - truth.width / 2 - 6, truth.width + 12, truth.width + 12, isBox)));
    await feedFrames(filter, 30, (_i, t) => scene.frame(640, 480, placement, t), 30, detectorKeepsUp(3));
    filter.setProperty('drawBoxes', false);
    await feedFrames(filter, 5, (_i, t) => scene.frame(640, 480, placement, t + 1_000_000));
    detach();
    pipeline.release();
    expect(Math.max(...boxShare.slice(0, 30))).toBeGreaterThan(0.02);
    expect(boxShare.slice(30).every((s) => s === 0)).toBe(true);
  }, 60_000);
});
