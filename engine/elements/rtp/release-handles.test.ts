/**
 * Releasing RTP and WebRTC endpoints gives back every socket and timer: the process's UDP
 * handles return to where they were, also after failed negotiations.
 */
import { describe, expect, it } from 'vitest';
import '../index.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import { until } from '../../webrtc/test-support.ts';
import { WebRtcTransport } from '../../webrtc/webrtc-transport.ts';
import { receiverSdp } from './ffmpeg-rtp-peer.ts';
import type { RtpEndpoint } from './rtp-endpoint.ts';
import type { WebRtcEndpoint } from '../webrtc/web-rtc-endpoint.ts';

function udpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'UDPWrap' || r === 'UDPWRAP').length;
}

describe('endpoint release', () => {
  it('closes every UDP socket of RTP and WebRTC endpoints, negotiated or failed', async () => {
    const baseline = udpHandles();
    const pipeline = new MediaPipeline();
    const rtp = pipeline.create('RtpEndpoint') as RtpEndpoint;
    await rtp.processOffer(receiverSdp(50002, 'VP8'));
    const failed = pipeline.create('RtpEndpoint') as RtpEndpoint;
    await failed.processOffer('v=0\r\nm=video 9 RTP/AVP 96\r\na=rtpmap:96 THEORA/90000\r\n').catch(() => undefined);
    const webrtc = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
    const peer = new WebRtcTransport({}, {});
    const offer = await webrtc.generateOffer();
    await webrtc.processAnswer(await peer.processOffer(offer));
    await until(() => webrtc.getProperty('connectionState') === 'CONNECTED', 'the WebRTC session');
    expect(udpHandles()).toBeGreaterThan(baseline + 2);

    pipeline.release();
    await peer.close();
    await until(() => udpHandles() === baseline, `UDP handles back to ${baseline} (now ${udpHandles()})`, 20_000, 100);
  }, 60_000);
});
