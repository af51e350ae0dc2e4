/**
 * An RtpEndpoint that sends also sends RTCP sender reports (one a second) on the RTCP port the
 * peer's SDP implies: same SSRC as its RTP, packet count, and an RTP time matching the stream.
 */
import { createSocket, type Socket } from 'node:dgram';
import { RtcpPacketConverter, RtcpSrPacket, RtpPacket } from 'werift';
import { describe, expect, it } from 'vitest';
import '../index.ts';
import type { MediaElement } from '../../model/media-element.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import { cleanupAfterEach, until } from '../../webrtc/test-support.ts';
import { freePortPair, receiverSdp } from './ffmpeg-rtp-peer.ts';

function listen(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });
}

describe('RtpEndpoint RTCP', () => {
  const cleanup = cleanupAfterEach();

  it('sends sender reports that match its RTP stream', async () => {
    const port = await freePortPair();
    const [rtp, rtcp] = await Promise.all([listen(port), listen(port + 1)]);
    cleanup.push(() => rtp.close(), () => rtcp.close());
    const packets: RtpPacket[] = [];
    const reports: RtcpSrPacket[] = [];
    rtp.on('message', (m) => packets.push(RtpPacket.deSerialize(m)));
    rtcp.on('message', (m) => reports.push(...RtcpPacketConverter.deSerialize(m).filter((p): p is RtcpSrPacket => p instanceof RtcpSrPacket)));

    const pipeline = new MediaPipeline();
    cleanup.push(() => pipeline.release());
    const pattern = pipeline.create('TestPatternEndpoint', { pattern: 'TEST_SRC', width: 160, height: 120, toneFrequency: 0 }) as MediaElement;
    const endpoint = pipeline.create('RtpEndpoint') as MediaElement & { processOffer(sdp: string): Promise<string> };
    pattern.connect(endpoint, 'VIDEO');
    await endpoint.processOffer(receiverSdp(port, 'VP8'));

    await until(() => reports.length >= 2, 'two sender reports', 30_000, 100);
    const ssrc = packets[0]!.header.ssrc;
    const last = reports.at(-1)!;
    expect(last.ssrc).toBe(ssrc);
    expect(last.senderInfo.packetCount).toBeGreaterThan(0);
    expect(last.senderInfo.packetCount).toBeLessThanOrEqual(packets.length);
    // The report's RTP time is the stream's time "now": within a second (90000 ticks) of the newest packet.
    const newest = packets.at(-1)!.header.timestamp;
    const gap = Math.abs(((last.senderInfo.rtpTimestamp - newest + 2 ** 31) >>> 0) - 2 ** 31);
    expect(gap).toBeLessThan(90000);
  }, 60_000);
});
