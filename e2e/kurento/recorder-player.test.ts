/**
 * Kurento's Recorder and Player tutorials with the official kurento-client against Fluo:
 * the browser's camera is recorded to a WEBM file through a WebRtcEndpoint, then a
 * PlayerEndpoint plays that file back to a second browser page, which must show its frames.
 */
import kurentoClient, { type KurentoClient, type RemoteObject } from 'kurento-client';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startKurentoServer, type KurentoServer } from '../../engine/protocol/server.ts';
import type { BrowserPeer } from '../webrtc/browser-peer.ts';
import { call, nextEvent } from './client-calls.ts';
import { negotiateBrowser } from './tutorial-session.ts';

let server: KurentoServer;
let client: KurentoClient;
let dir: string;
const browsers: BrowserPeer[] = [];

beforeEach(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  dir = mkdtempSync(join(tmpdir(), 'fluo-recorder-'));
  server = await startKurentoServer({ port: 0 });
  client = await kurentoClient(server.url, { failAfter: 3 });
});

afterEach(async () => {
  for (const browser of browsers.splice(0)) await browser.close();
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

it('records the browser camera to WEBM and plays the file back to another page', { timeout: 300_000 }, async () => {
  const uri = `file://${join(dir, 'recording.webm')}`;

  // Recorder tutorial: camera → WebRtcEndpoint → (itself, and) RecorderEndpoint.
  const recordPipeline = await client.create('MediaPipeline');
  const webRtc = await call<RemoteObject>(recordPipeline, 'create', 'WebRtcEndpoint');
  const recorder = await call<RemoteObject>(recordPipeline, 'create', 'RecorderEndpoint', { uri, mediaProfile: 'WEBM' });
  await call(webRtc, 'connect', webRtc);
  await call(webRtc, 'connect', recorder);
  const camera = await negotiateBrowser(webRtc, { source: 'camera', audio: true });
  browsers.push(camera);
  const live = await camera.waitFor((s) => s.frames >= 20 && s.width > 0, 120_000);
  expect(live.frames).toBeGreaterThanOrEqual(20);

  const recording = nextEvent(recorder, 'Recording');
  await call(recorder, 'record');
  expect(await recording).toMatchObject({ source: recorder.id, type: 'Recording' });
  // About three seconds of camera at 30 fps.
  await camera.waitFor((s) => s.frames >= live.frames + 90, 120_000);
  await call(recorder, 'stopAndWait');
  expect(await call<string>(recorder, 'getState')).toBe('STOP');
  await recordPipeline.release();
  expect(statSync(join(dir, 'recording.webm')).size).toBeGreaterThan(10_000);

  // Player tutorial: PlayerEndpoint(file) → WebRtcEndpoint → a second page.
  const playPipeline = await client.create('MediaPipeline');
  const player = await call<RemoteObject>(playPipeline, 'create', 'PlayerEndpoint', { uri });
  const viewerEndpoint = await call<RemoteObject>(playPipeline, 'create', 'WebRtcEndpoint');
  await call(player, 'connect', viewerEndpoint);
  const ended = nextEvent(player, 'EndOfStream');
  const viewer = await negotiateBrowser(viewerEndpoint, { source: 'camera', audio: false });
  browsers.push(viewer);
  // A file passed through untouched cannot make a fresh keyframe for a late viewer: play once connected.
  expect((await viewer.waitFor((s) => s.connectionState === 'connected', 60_000)).connectionState).toBe('connected');
  await call(player, 'play');
  const shown = await viewer.waitFor((s) => s.frames >= 30 && s.width > 0, 60_000);
  expect({ width: shown.width, height: shown.height }).toEqual({ width: 640, height: 480 });
  expect(shown.frames).toBeGreaterThanOrEqual(30);
  const info = await call<{ duration: number; isSeekable: boolean }>(player, 'getVideoInfo');
  expect(info.duration).toBeGreaterThan(2000);
  expect(await ended).toMatchObject({ source: player.id, type: 'EndOfStream' });
  await playPipeline.release();
  expect(server.stats().objects).toBe(0);
});
