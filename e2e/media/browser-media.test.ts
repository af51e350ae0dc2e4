/**
 * Issue 3's browser demonstrations that e2e/webrtc and e2e/kurento do not already make:
 * - Hello World with Chromium's FAKE CAMERA (a Y4M of colour quadrants): the video that comes
 *   back shows the camera's colours where the camera had them; meanwhile the same WebRtcEndpoint
 *   feeds a WEBM and an MP4 RecorderEndpoint, and both files decode with the recorded duration.
 * - PlayerEndpoint (a solid-colour file the test makes) → WebRtcEndpoint → Chromium: the page
 *   shows the file's colour, frames advance, and EndOfStream arrives.
 * Chromium and every pipeline are closed in finally blocks; timeouts are generous (shared 2-core machine).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../engine/elements/index.ts';
import type { PlayerEndpoint } from '../../engine/elements/player-endpoint.ts';
import type { RecorderEndpoint } from '../../engine/elements/recorder-endpoint.ts';
import { nextEvent, recordPattern, sleep } from '../../engine/elements/test-support.ts';
import type { WebRtcEndpoint } from '../../engine/elements/webrtc/web-rtc-endpoint.ts';
import { readBack } from '../../engine/media/read-back.ts';
import { MediaPipeline } from '../../engine/model/media-pipeline.ts';
import { until } from '../../engine/webrtc/test-support.ts';
import { BrowserPeer } from '../webrtc/browser-peer.ts';
import { startLoopbackSession } from '../webrtc/loopback-session.ts';
import { QUADRANT_COLOURS, writeQuadrantCamera } from './quadrant-camera.ts';

/** Largest per-channel difference between two RGB colours. */
const colourDistance = (a: number[], b: number[]): number => Math.max(...a.map((c, k) => Math.abs(c - b[k]!)));
const TOLERANCE = 24;
const RECORD_MS = 4000;

describe('browser media (headless Chromium)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fluo-browser-media-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('Hello World with the fake camera: the quadrant colours come back, and WEBM and MP4 recordings decode with the recorded duration', async () => {
    const camera = writeQuadrantCamera(dir);
    const session = await startLoopbackSession({ source: 'camera', audio: true, chromiumArgs: [`--use-file-for-fake-video-capture=${camera}`] });
    try {
      const { pipeline, endpoint, browser } = session;
      const shown = await browser.waitFor((s) => s.frames >= 30 && s.width > 0, 120_000);
      expect({ width: shown.width, height: shown.height }).toEqual({ width: 640, height: 480 });
      expect(shown.frames).toBeGreaterThanOrEqual(30);
      const { received } = await browser.quadrants();
      for (const [i, colour] of QUADRANT_COLOURS.entries()) {
        expect(colourDistance(colour, received[i]!), `quadrant ${i}: camera ${colour.join(',')}, page got ${received[i]!.join(',')}`).toBeLessThanOrEqual(TOLERANCE);
      }

      // The same endpoint also feeds two recorders (VP8/Opus as received; H.264/AAC transcoded).
      const files = { WEBM: join(dir, 'camera.webm'), MP4: join(dir, 'camera.mp4') };
      const recorders = Object.entries(files).map(([mediaProfile, path]) => {
        const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${path}`, mediaProfile }) as RecorderEndpoint;
        endpoint.connect(recorder);
        return recorder;
      });
      const recording = recorders.map((r) => nextEvent(r, 'Recording', 60_000));
      for (const recorder of recorders) await recorder.record();
      await Promise.all(recording);
      const started = performance.now();
      await sleep(RECORD_MS);
      const wallMs = performance.now() - started;
      await Promise.all(recorders.map((r) => r.stopAndWait()));
      const later = await browser.stats();
      expect(later.frames, 'frames kept advancing while recording').toBeGreaterThan(shown.frames + 30);

      const expected = { WEBM: { video: 'VP8', audio: 'OPUS' }, MP4: { video: 'H264', audio: 'AAC' } } as const;
      for (const [profile, path] of Object.entries(files) as [keyof typeof expected, string][]) {
        const file = await readBack(path);
        const video = file.tracks.VIDEO;
        expect(video?.codec, profile).toBe(expected[profile].video);
        expect(file.tracks.AUDIO?.codec, profile).toBe(expected[profile].audio);
        expect({ width: video?.width, height: video?.height }, profile).toEqual({ width: 640, height: 480 });
        // The file lasts as long as it was recording: it starts at the first keyframe, so allow
        // the keyframe wait (PLI round trip) and a frame or two at each end.
        const durationMs = video!.durationUs / 1000;
        expect(durationMs, `${profile} video lasts ${durationMs} ms for ${Math.round(wallMs)} ms recorded`).toBeGreaterThan(wallMs * 0.8);
        expect(durationMs, profile).toBeLessThan(wallMs * 1.1 + 300);
        // Every frame the recorder wrote decodes (±2%); a busy Chrome may lower its frame rate
        // (it keeps the resolution), so only a floor of 10 fps is asked of the camera itself.
        const written = recorders[profile === 'WEBM' ? 0 : 1]!.recordedStats().get('VIDEO');
        expect(written, profile).toBeDefined();
        expect(Math.abs(video!.frames - written!.frames), `${profile}: ${video!.frames} decoded, ${written!.frames} written`).toBeLessThanOrEqual(written!.frames * 0.02 + 1);
        expect(video!.frames, profile).toBeGreaterThan((durationMs / 1000) * 10);
        // Audio and video start together, so the container is no longer than the recording.
        const audio = file.tracks.AUDIO!;
        expect(Math.abs(video!.startUs - audio.startUs), `${profile}: video starts at ${video!.startUs} µs, audio at ${audio.startUs} µs`).toBeLessThan(100_000);
        expect(file.durationUs / 1000, `${profile} container`).toBeLessThan(wallMs * 1.1 + 300);
      }
    } finally {
      await session.close();
    }
  }, 300_000);

  it('PlayerEndpoint → WebRtcEndpoint → Chromium: the file plays in the page with its colour, then EndOfStream', async () => {
    const file = join(dir, 'solid.webm');
    const COLOUR = [32, 96, 192];
    const maker = new MediaPipeline();
    try {
      await recordPattern(maker, file, 'WEBM_VIDEO_ONLY', { pattern: 'SOLID_COLOR', color: '#2060c0', width: 640, height: 480, framerate: 30 }, 3000);
    } finally {
      maker.release();
    }
    const info = await readBack(file);
    expect(info.tracks.VIDEO?.durationUs).toBeGreaterThan(2_000_000);

    const pipeline = new MediaPipeline();
    let browser: BrowserPeer | undefined;
    try {
      const player = pipeline.create('PlayerEndpoint', { uri: `file://${file}` }) as PlayerEndpoint;
      const endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
      player.connect(endpoint);
      // A full (non-trickle) offer: the candidates travel inside the SDPs.
      browser = await BrowserPeer.launch(() => undefined);
      const offer = await browser.offer({ source: 'pattern', audio: false, trickle: false });
      await browser.answer(await endpoint.processOffer(offer));
      await until(() => endpoint.getProperty('connectionState') === 'CONNECTED', 'the page connected', 60_000, 100);

      // A file passed through untouched has keyframes only where the file has them: play once connected.
      const ended = nextEvent(player, 'EndOfStream', 120_000);
      await player.play();
      const shown = await browser.waitFor((s) => s.frames >= 30 && s.width > 0, 90_000);
      expect({ width: shown.width, height: shown.height }).toEqual({ width: 640, height: 480 });
      expect(shown.frames).toBeGreaterThanOrEqual(30);
      const { received } = await browser.quadrants();
      for (const [i, got] of received.entries()) {
        expect(colourDistance(COLOUR, got), `quadrant ${i}: file ${COLOUR.join(',')}, page got ${got.join(',')}`).toBeLessThanOrEqual(TOLERANCE);
      }
      expect(await ended).toMatchObject({ type: 'EndOfStream', source: player.id });
    } finally {
      await browser?.close();
      pipeline.release();
    }
  }, 300_000);
});
