/**
 * Kurento's One-to-many tutorial with the official kurento-client against Fluo: one presenter
 * page sends its camera to a WebRtcEndpoint, and every viewer page gets its own WebRtcEndpoint
 * fed from the presenter's (presenterWebRtc.connect(viewerWebRtc)), joining while it is live.
 */
import kurentoClient, { type KurentoClient, type RemoteObject } from 'kurento-client';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startKurentoServer, type KurentoServer } from '../../engine/protocol/server.ts';
import type { BrowserPeer } from '../webrtc/browser-peer.ts';
import { call } from './client-calls.ts';
import { negotiateBrowser } from './tutorial-session.ts';

let server: KurentoServer;
let client: KurentoClient;
const browsers: BrowserPeer[] = [];

beforeEach(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  server = await startKurentoServer({ port: 0 });
  client = await kurentoClient(server.url, { failAfter: 3 });
});

afterEach(async () => {
  for (const browser of browsers.splice(0)) await browser.close();
  client.close();
  await server.close();
  vi.restoreAllMocks();
});

it('shows one presenter camera to two viewers who join while it is live', { timeout: 300_000 }, async () => {
  const pipeline = await client.create('MediaPipeline');
  const presenterWebRtc = await call<RemoteObject>(pipeline, 'create', 'WebRtcEndpoint');
  const presenter = await negotiateBrowser(presenterWebRtc, { source: 'camera', audio: true });
  browsers.push(presenter);
  expect((await presenter.waitFor((s) => s.connectionState === 'connected', 60_000)).connectionState).toBe('connected');

  for (let i = 0; i < 2; i++) {
    const viewerWebRtc = await call<RemoteObject>(pipeline, 'create', 'WebRtcEndpoint');
    await call(presenterWebRtc, 'connect', viewerWebRtc);
    const viewer = await negotiateBrowser(viewerWebRtc, { source: 'camera', audio: false });
    browsers.push(viewer);
    const stats = await viewer.waitFor((s) => s.frames >= 30 && s.width > 0, 90_000);
    expect({ viewer: i, width: stats.width, height: stats.height }).toEqual({ viewer: i, width: 640, height: 480 });
    expect(stats.frames).toBeGreaterThanOrEqual(30);
  }
  const sinks = await call<{ type: string }[]>(presenterWebRtc, 'getSinkConnections', 'VIDEO');
  expect(sinks).toHaveLength(2);
  await pipeline.release();
  expect(server.stats().objects).toBe(0);
});
