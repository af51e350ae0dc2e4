/**
 * Kurento's Magic Mirror end to end: headless Chromium whose fake camera is the moving astronaut
 * (a Y4M file) → WebRtcEndpoint → FaceOverlayFilter (the bundled hat, Kurento's tutorial
 * offsets) → back to the page. In the frames the page receives, the hat's green sits in the
 * crown region above the true face box in >= 95% of frames after the first hat, and no frame
 * without a face shows any hat (once the tracker has had half a second to notice).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../engine/elements/index.ts';
import type { FaceOverlayFilter } from '../../engine/elements/vision/face-overlay-filter.ts';
import { sharedFaceDetection } from '../../engine/vision/shared-services.ts';
import { placementAt } from '../../engine/vision/test-scene.ts';
import { until } from '../../engine/webrtc/test-support.ts';
import { startLoopbackSession, type LoopbackSession } from '../webrtc/loopback-session.ts';
import { sampleReceivedFrames } from './mirror-page.ts';
import { CAMERA, writeMovingFaceY4m } from './moving-face-camera.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fluo-mirror-'));
const camera = path.join(dir, 'moving-face.y4m');
let session: LoopbackSession | undefined;

beforeAll(async () => {
  await writeMovingFaceY4m(camera);
}, 60_000);
afterAll(async () => {
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Magic Mirror (Chromium ↔ WebRtcEndpoint → FaceOverlayFilter → back)', () => {
  it('puts the hat above the face in the frames the page receives, and never on a frame without a face', async () => {
    let filter: FaceOverlayFilter | undefined;
    session = await startLoopbackSession({
      source: 'camera',
      audio: false,
      trickle: true,
      chromiumArgs: [`--use-file-for-fake-video-capture=${camera}`],
      through: (pipeline) => (filter = pipeline.create('FaceOverlayFilter') as FaceOverlayFilter),
    });
    await filter!.setOverlayedImage('asset:hat.png', -0.35, -1.2, 1.6, 1.6);
    const { endpoint, browser } = session;
    await until(() => endpoint.getProperty('mediaState') === 'CONNECTED', 'media from the page', 60_000, 100);
    await browser.waitFor((s) => s.frames >= 1 && s.width === CAMERA.width, 60_000);
    const collect = await sampleReceivedFrames(browser.page);
    // Two loops of the camera file (10 s of video).
    const deadline = Date.now() + 120_000;
    let frames = await collect();
    while (frames.length < 2 * CAMERA.frames && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      frames = await collect();
    }
    if (process.env.MIRROR_DEBUG) console.log(JSON.stringify(sharedFaceDetection()?.counters));
    if (process.env.MIRROR_DEBUG) console.log(frames.map((f) => `${f.index}:${f.crown === undefined ? "-" : f.crown.toFixed(2)}:${f.green}`).join(" "));
    expect(frames.length).toBeGreaterThanOrEqual(CAMERA.frames);
    const withFace = frames.filter((f) => f.crown !== undefined);
    const first = withFace.findIndex((f) => f.green > 0);
    expect(first).toBeGreaterThanOrEqual(0);
    const after = withFace.slice(first);
    const good = after.filter((f) => f.crown! > 0.5).length;
    expect(good / after.length).toBeGreaterThanOrEqual(0.95);
    // Frames without a face, from half a second after the face left.
    const lastFaceIndex = Math.max(...Array.from({ length: CAMERA.frames }, (_, i) => (placementAt(i, CAMERA.frames) ? i : -1)));
    const empty = frames.filter((f) => f.index > lastFaceIndex + 15 && f.index < CAMERA.frames);
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.filter((f) => f.green > 0)).toEqual([]);
  }, 240_000);
});
