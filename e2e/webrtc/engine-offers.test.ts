/**
 * The engine as the offerer (Kurento's generateOffer → the browser answers), the way a server
 * sends a player or a test pattern to a viewer: TestPatternEndpoint → WebRtcEndpoint(sendonly)
 * → headless Chromium, which shows the pattern at its size. The pattern is raw video, so the
 * endpoint's feed is encoded once (VP8); trickle ICE both ways.
 */
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach } from '../../engine/webrtc/test-support.ts';
import '../../engine/elements/index.ts';
import type { WebRtcEndpoint } from '../../engine/elements/webrtc/web-rtc-endpoint.ts';
import type { MediaElement } from '../../engine/model/media-element.ts';
import { MediaPipeline } from '../../engine/model/media-pipeline.ts';
import { BrowserPeer, type IceCandidateJson } from './browser-peer.ts';

describe('engine offers, Chromium answers', () => {
  const cleanup = cleanupAfterEach();

  it('shows a TestPatternEndpoint sent by a sendonly WebRtcEndpoint', async () => {
    const pipeline = new MediaPipeline();
    cleanup.push(() => pipeline.release());
    const pattern = pipeline.create('TestPatternEndpoint', { pattern: 'TEST_SRC', width: 320, height: 240, toneFrequency: 0 }) as MediaElement;
    const endpoint = pipeline.create('WebRtcEndpoint', { sendonly: true }) as WebRtcEndpoint;
    pattern.connect(endpoint);

    let answered = false;
    const early: IceCandidateJson[] = [];
    const browser = await BrowserPeer.launch((c) => {
      if (answered) void endpoint.addIceCandidate(c).catch(() => undefined);
      else early.push(c);
    });
    cleanup.push(() => browser.close());
    endpoint.on('IceCandidateFound', (e) => void browser.addCandidate(e.candidate as IceCandidateJson).catch(() => undefined));

    const offer = await endpoint.generateOffer();
    expect(offer).toMatch(/^a=sendonly$/m);
    const answer = await browser.acceptOffer(offer);
    expect(answer).toMatch(/^a=recvonly$/m);
    await endpoint.processAnswer(answer);
    answered = true;
    for (const c of early.splice(0)) await endpoint.addIceCandidate(c);
    endpoint.gatherCandidates();

    const stats = await browser.waitFor((s) => s.frames >= 30 && s.width > 0, 90_000);
    expect({ width: stats.width, height: stats.height }).toEqual({ width: 320, height: 240 });
    expect(stats.frames).toBeGreaterThanOrEqual(30);
    expect(pattern.isMediaTranscoding('VIDEO')).toBe(true);
  }, 180_000);
});
