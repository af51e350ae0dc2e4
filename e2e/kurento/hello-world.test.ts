/**
 * Kurento's Hello World tutorial (kurento-tutorial-node/kurento-hello-world) written with the
 * official kurento-client as the tutorial writes it, against Fluo's Kurento Protocol server,
 * with headless Chromium as the browser: its camera goes to a WebRtcEndpoint connected to itself
 * and comes back into the page's <video>.
 */
import kurentoClient, { type KurentoClient, type RemoteObject } from 'kurento-client';
import { afterEach, expect, it, vi } from 'vitest';
// The engine registers WebRtcEndpoint here; the server reaches it through the object model.
import '../../engine/elements/webrtc/index.ts';
import { startKurentoServer, type KurentoServer } from '../../engine/protocol/server.ts';
import { BrowserPeer, type IceCandidateJson } from '../webrtc/browser-peer.ts';
import { call } from './client-calls.ts';

let server: KurentoServer | undefined;
let client: KurentoClient | undefined;
let browser: BrowserPeer | undefined;

afterEach(async () => {
  await browser?.close();
  client?.close();
  await server?.close();
  vi.restoreAllMocks();
});

it('plays the browser camera back through a WebRtcEndpoint loopback driven by kurento-client', { timeout: 240_000 }, async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  server = await startKurentoServer({ port: 0 });
  client = await kurentoClient(server.url, { failAfter: 3 });
  const IceCandidate = kurentoClient.getComplexType('IceCandidate');

  // The tutorial's server side, step by step.
  const pipeline = await client.create('MediaPipeline');
  const webRtcEndpoint = await call<RemoteObject>(pipeline, 'create', 'WebRtcEndpoint');
  const candidatesQueue: IceCandidateJson[] = [];
  let negotiated = false;
  browser = await BrowserPeer.launch((candidate) => {
    if (negotiated) void call(webRtcEndpoint, 'addIceCandidate', IceCandidate({ ...candidate }));
    else candidatesQueue.push(candidate);
  });
  const page = browser;
  const found: Record<string, unknown>[] = [];
  webRtcEndpoint.on('IceCandidateFound', (event) => {
    found.push(event);
    const candidate = IceCandidate(event.candidate as Record<string, unknown>);
    void page.addCandidate({ candidate: String(candidate.candidate), sdpMid: String(candidate.sdpMid), sdpMLineIndex: Number(candidate.sdpMLineIndex) });
  });
  const flowing = new Promise<Record<string, unknown>>((resolve) => webRtcEndpoint.on('MediaFlowInStateChanged', (e) => e.state === 'FLOWING' && resolve(e)));
  await call(webRtcEndpoint, 'connect', webRtcEndpoint);

  const sdpOffer = await page.offer({ source: 'camera', audio: true, trickle: true });
  const sdpAnswer = await call<string>(webRtcEndpoint, 'processOffer', sdpOffer);
  expect(sdpAnswer).toMatch(/^v=0\r\n/);
  negotiated = true;
  for (const candidate of candidatesQueue.splice(0)) await call(webRtcEndpoint, 'addIceCandidate', IceCandidate({ ...candidate }));
  await call(webRtcEndpoint, 'gatherCandidates');
  await page.answer(sdpAnswer);

  const stats = await page.waitFor((s) => s.frames >= 30 && s.width > 0, 120_000);
  expect(stats.connectionState).toBe('connected');
  expect({ width: stats.width, height: stats.height }).toEqual({ width: 640, height: 480 });
  expect(stats.frames).toBeGreaterThanOrEqual(30);
  expect(await flowing).toMatchObject({ source: webRtcEndpoint.id, type: 'MediaFlowInStateChanged' });
  expect(found.length).toBeGreaterThan(0);
  expect(found[0]!.candidate).toMatchObject({ candidate: expect.stringMatching(/^candidate:/), sdpMid: expect.any(String) });
  expect(await call<string>(webRtcEndpoint, 'getMediaState')).toBe('CONNECTED');
  await pipeline.release();
  expect(server.stats().objects).toBe(0);
});
