/**
 * Kurento's Magic Mirror end to end, in headless Chromium whose fake camera is the moving
 * astronaut (a Y4M file with a frame-index strip): WebRtcEndpoint → FaceOverlayFilter (the hat,
 * Kurento's tutorial offsets) → back to the page. In the frames the page receives, the hat's
 * green sits in the crown region above the true face box in >= 95% of frames after the first
 * hat, and no frame without a face shows any hat (once the tracker has had half a second).
 * Twice: wired in the engine directly, and as Kurento's tutorial writes it with the official
 * kurento-client against Fluo's Kurento Protocol server (the hat fetched over http). The two run
 * one after the other (one file): two browsers and two transcoding pipelines at once are more than
 * a shared 2-core machine can carry; the camera runs at 15 fps for the same reason.
 */
import kurentoClient, { type KurentoClient, type RemoteObject } from 'kurento-client';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import '../../engine/elements/index.ts';
import type { FaceOverlayFilter } from '../../engine/elements/vision/face-overlay-filter.ts';
import { startKurentoServer, type KurentoServer } from '../../engine/protocol/server.ts';
import { ASSET_OVERLAYS } from '../../engine/vision/image-file.ts';
import { sharedFaceDetection } from '../../engine/vision/shared-services.ts';
import { until } from '../../engine/webrtc/test-support.ts';
import { call } from '../kurento/client-calls.ts';
import { negotiateBrowser } from '../kurento/tutorial-session.ts';
import type { BrowserPeer } from '../webrtc/browser-peer.ts';
import { startLoopbackSession, type LoopbackSession } from '../webrtc/loopback-session.ts';
import { collectReceivedFrames, judgeMirror, type ReceivedFrame } from './mirror-page.ts';
import { CAMERA, writeMovingFaceY4m } from './moving-face-camera.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fluo-mirror-'));
const camera = path.join(dir, 'moving-face.y4m');
const cleanups: (() => Promise<unknown> | unknown)[] = [];

beforeAll(async () => {
  await writeMovingFaceY4m(camera);
}, 60_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The criteria on the frames the page received. */
function expectMagicMirror(frames: ReceivedFrame[]): void {
  if (process.env.MIRROR_DEBUG) console.info(JSON.stringify(sharedFaceDetection()?.counters), frames.map((f) => `${f.index}:${f.crown?.toFixed(2) ?? '-'}:${f.green}`).join(' '));
  const verdict = judgeMirror(frames);
  expect(verdict.received).toBeGreaterThanOrEqual(CAMERA.frames);
  expect(verdict.withFaceAfterFirstHat).toBeGreaterThan(CAMERA.frames / 2);
  expect(verdict.hatInPlace / verdict.withFaceAfterFirstHat).toBeGreaterThanOrEqual(0.95);
  expect(verdict.withoutFace).toBeGreaterThan(0);
  expect(verdict.hatWithoutFace).toEqual([]);
}

const fakeCamera = (): string[] => [`--use-file-for-fake-video-capture=${camera}`];

describe('Magic Mirror (Chromium ↔ WebRtcEndpoint → FaceOverlayFilter → back)', () => {
  it('puts the hat above the face in the frames the page receives, and never on a frame without a face', async () => {
    let filter: FaceOverlayFilter | undefined;
    const session: LoopbackSession = await startLoopbackSession({
      source: 'camera',
      audio: false,
      trickle: true,
      chromiumArgs: fakeCamera(),
      through: (pipeline) => (filter = pipeline.create('FaceOverlayFilter') as FaceOverlayFilter),
    });
    cleanups.push(() => session.close());
    await filter!.setOverlayedImage('asset:hat.png', -0.35, -1.2, 1.6, 1.6);
    const { endpoint, browser } = session;
    await until(() => endpoint.getProperty('mediaState') === 'CONNECTED', 'media from the page', 60_000, 100);
    await browser.waitFor((s) => s.frames >= 1 && s.width === CAMERA.width, 60_000);
    expectMagicMirror(await collectReceivedFrames(browser.page, 2, 120_000));
  }, 240_000);

  it('runs the tutorial with the official kurento-client: same result', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    // The tutorial fetches its overlay over http: serve the bundled hat the same way.
    const images: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(readFileSync(path.join(ASSET_OVERLAYS, 'hat.png')));
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => images.close(resolve)));
    const hatUrl = `http://127.0.0.1:${(images.address() as AddressInfo).port}/img/mario-wings.png`;
    const server: KurentoServer = await startKurentoServer({ port: 0 });
    cleanups.push(() => server.close());
    const client: KurentoClient = await kurentoClient(server.url, { failAfter: 3 });
    cleanups.push(() => client.close());

    // The tutorial's server side, step by step.
    const pipeline = await client.create('MediaPipeline');
    const webRtcEndpoint = await call<RemoteObject>(pipeline, 'create', 'WebRtcEndpoint');
    const faceOverlayFilter = await call<RemoteObject>(pipeline, 'create', 'FaceOverlayFilter');
    await call(faceOverlayFilter, 'setOverlayedImage', hatUrl, -0.35, -1.2, 1.6, 1.6);
    await call(webRtcEndpoint, 'connect', faceOverlayFilter);
    await call(faceOverlayFilter, 'connect', webRtcEndpoint);
    const browser: BrowserPeer = await negotiateBrowser(webRtcEndpoint, { source: 'camera', audio: false, chromiumArgs: fakeCamera() });
    cleanups.push(() => browser.close());

    await browser.waitFor((s) => s.frames >= 1 && s.width === CAMERA.width, 60_000);
    expectMagicMirror(await collectReceivedFrames(browser.page, 2, 120_000));
    await pipeline.release();
    expect(server.stats().objects).toBe(0);
  }, 240_000);
});
