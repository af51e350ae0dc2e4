/**
 * maxVideoSendBandwidth and the peer's REMB reach the encoder that feeds a WebRtcEndpoint:
 * the frames a werift peer receives get smaller when either asks for less.
 */
import { describe, expect, it } from 'vitest';
import '../index.ts';
import type { MediaElement } from '../../model/media-element.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import { cleanupAfterEach, until } from '../../webrtc/test-support.ts';
import { WebRtcTransport } from '../../webrtc/webrtc-transport.ts';
import type { WebRtcEndpoint } from './web-rtc-endpoint.ts';

const SETTLE_FRAMES = 45;
const MEASURED_FRAMES = 45;

describe('WebRtcEndpoint send bandwidth', () => {
  const cleanup = cleanupAfterEach();

  /** Mean size of the frames the peer receives once the encoder has settled. */
  async function meanFrameBytes(maxKbps: number, peerRembBps = 0): Promise<number> {
    const pipeline = new MediaPipeline();
    cleanup.push(() => pipeline.release());
    const pattern = pipeline.create('TestPatternEndpoint', { pattern: 'LIFE', width: 320, height: 240, framerate: 30, toneFrequency: 0 });
    const endpoint = pipeline.create('WebRtcEndpoint', { recvonly: false }) as WebRtcEndpoint;
    endpoint.setProperty('maxVideoSendBandwidth', maxKbps);
    (pattern as MediaElement).connect(endpoint, 'VIDEO');
    const sizes: number[] = [];
    const peer = new WebRtcTransport({ direction: 'recvonly' }, { onFrame: (_k, _c, frame) => sizes.push(frame.data.length) });
    cleanup.push(() => peer.close());
    if (peerRembBps > 0) peer.setMaxReceiveBitrate(peerRembBps);
    const offer = await endpoint.generateOffer({ offerToReceiveAudio: false, offerToReceiveVideo: true });
    await endpoint.processAnswer(await peer.processOffer(offer));
    await until(() => sizes.length >= SETTLE_FRAMES + MEASURED_FRAMES, 'frames at the peer', 60_000, 100);
    const measured = sizes.slice(SETTLE_FRAMES, SETTLE_FRAMES + MEASURED_FRAMES);
    return measured.reduce((a, b) => a + b, 0) / measured.length;
  }

  it('shrinks frames for a low maxVideoSendBandwidth and for a low REMB from the peer', async () => {
    const generous = await meanFrameBytes(2000);
    const capped = await meanFrameBytes(100);
    const remb = await meanFrameBytes(2000, 100_000);
    expect(capped, `capped ${capped} vs generous ${generous}`).toBeLessThan(generous * 0.5);
    expect(remb, `REMB-limited ${remb} vs generous ${generous}`).toBeLessThan(generous * 0.5);
  }, 120_000);
});
