/**
 * Loss between the engine and its peer is repaired by NACK retransmission (and, when that is
 * too late, by a PLI that the loopback carries to the sender): a peer that drops 5% of what it
 * receives still gets nearly every looped-back frame whole.
 */
import { describe, expect, it } from 'vitest';
import './index.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import { cleanupAfterEach, fakeVp8, until } from '../../webrtc/test-support.ts';
import { WebRtcTransport } from '../../webrtc/webrtc-transport.ts';
import type { WebRtcEndpoint } from './web-rtc-endpoint.ts';

const FRAMES = 150;

describe('WebRtcEndpoint NACK', () => {
  const cleanup = cleanupAfterEach();

  it('retransmits what a lossy peer misses', async () => {
    const pipeline = new MediaPipeline();
    cleanup.push(() => pipeline.release());
    const endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
    endpoint.connect(endpoint);
    const back = new Set<number>();
    let keyframeWanted = true;
    const peer = new WebRtcTransport(
      { direction: 'sendrecv', simulateInboundLossPercent: 5 },
      {
        onFrame: (_k, _c, frame) => back.add(frame.data.readUInt32BE(4)),
        onKeyframeRequested: () => (keyframeWanted = true),
      },
    );
    cleanup.push(() => peer.close());
    await endpoint.processAnswer(await peer.processOffer(await endpoint.generateOffer({ offerToReceiveAudio: false })));
    await until(() => endpoint.getProperty('connectionState') === 'CONNECTED' && peer.pc.connectionState === 'connected', 'connection');

    // Each frame spans 3 packets and carries its number; keyframes only when asked.
    let sent = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const frame = fakeVp8(3000, keyframeWanted, sent);
        frame.writeUInt32BE(sent, 4);
        if (peer.sendFrame('video', 'VP8', frame, sent * 33_333)) {
          keyframeWanted = false;
          sent++;
        }
        if (sent >= FRAMES) {
          clearInterval(timer);
          resolve();
        }
      }, 33);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const engineSender = await endpointSenderStats(endpoint);
    expect(engineSender.nackCount, 'NACKs received by the engine').toBeGreaterThan(0);
    expect(engineSender.retransmittedPacketsSent, 'packets the engine retransmitted').toBeGreaterThan(0);
    // Without retransmission ~14% of 3-packet frames break and the frames after each break are
    // lost until a keyframe comes back (a PLI round trip): well under 90% would arrive.
    expect(back.size / FRAMES).toBeGreaterThanOrEqual(0.9);
  }, 60_000);
});

async function endpointSenderStats(endpoint: WebRtcEndpoint): Promise<{ nackCount: number; retransmittedPacketsSent: number }> {
  const out = { nackCount: 0, retransmittedPacketsSent: 0 };
  for (const value of (await endpoint.peerConnectionStats()).values()) {
    const entry = value as { type?: string; nackCount?: number; retransmittedPacketsSent?: number };
    if (entry.type !== 'outbound-rtp') continue;
    out.nackCount += entry.nackCount ?? 0;
    out.retransmittedPacketsSent += entry.retransmittedPacketsSent ?? 0;
  }
  return out;
}
