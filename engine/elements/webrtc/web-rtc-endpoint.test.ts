import { describe, expect, it } from 'vitest';
import { KurentoErrorCode, MediaError } from '../../errors.ts';
import { mediaStats } from '../../media/media-stats.ts';
import type { MediaEvent } from '../../model/media-object.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import type { AssembledFrame } from '../../webrtc/frame-assembler.ts';
import { cleanupAfterEach, fakeVp8, sendUntilReceived, until } from '../../webrtc/test-support.ts';
import { WebRtcTransport, type IceCandidateInfo } from '../../webrtc/webrtc-transport.ts';
import './index.ts';
import { WebRtcEndpoint } from './web-rtc-endpoint.ts';

async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<MediaError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof MediaError) return error;
    throw error;
  }
  throw new Error('expected a MediaError');
}

describe('WebRtcEndpoint', () => {
  const cleanup = cleanupAfterEach();

  function setup(): { pipeline: MediaPipeline; endpoint: WebRtcEndpoint; events: MediaEvent[] } {
    const pipeline = new MediaPipeline();
    cleanup.push(() => pipeline.release());
    const endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
    const events: MediaEvent[] = [];
    endpoint.on('*', (e) => events.push(e));
    return { pipeline, endpoint, events };
  }

  it('generateOffer → werift peer answers → processAnswer; trickle ICE; a loopback returns frames untouched with no codec', async () => {
    const { endpoint, events } = setup();
    endpoint.connect(endpoint);
    const before = { decoders: mediaStats.decodersCreated, encoders: mediaStats.encodersCreated };

    const received: AssembledFrame[] = [];
    const peerCandidates: IceCandidateInfo[] = [];
    const peer = new WebRtcTransport({ direction: 'sendrecv' }, {
      onLocalCandidate: (c) => peerCandidates.push(c),
      onFrame: (_kind, _codec, frame) => received.push(frame),
    });
    cleanup.push(() => peer.close());

    endpoint.on('IceCandidateFound', (e) => void peer.addIceCandidate(e.candidate as IceCandidateInfo));
    const offer = await endpoint.generateOffer({ offerToReceiveAudio: false, offerToReceiveVideo: true });
    expect(offer).toMatch(/^m=video /m);
    expect(offer).not.toMatch(/^m=audio /m);
    expect(endpoint.getLocalSessionDescriptor()).toBe(offer);
    const bare = offer.split('\r\n').filter((l) => !l.startsWith('a=candidate') && l !== 'a=end-of-candidates').join('\r\n');
    const answer = await peer.processOffer(bare);
    const local = await endpoint.processAnswer(answer);
    expect(local).toContain('a=ice-ufrag');
    expect(endpoint.getRemoteSessionDescriptor()).toBe(answer);
    endpoint.gatherCandidates();
    for (const c of peerCandidates) await endpoint.addIceCandidate(c);

    await until(() => endpoint.getProperty('connectionState') === 'CONNECTED', 'the endpoint to connect');
    const sent = [fakeVp8(4000, true, 7), fakeVp8(1800, false, 8), fakeVp8(300, false, 9)];
    // Keep a stream going until frames come back; the first one back must be a keyframe.
    await sendUntilReceived((frame, timestampUs) => peer.sendFrame('video', 'VP8', frame, timestampUs), sent, () => received.length, 'frames back through the loopback');
    expect(received[0]!.keyframe).toBe(true);
    expect(sent.some((s) => s.equals(received[0]!.data))).toBe(true);
    expect(received.every((r) => sent.some((s) => s.equals(r.data)))).toBe(true);
    expect(mediaStats.decodersCreated - before.decoders).toBe(0);
    expect(mediaStats.encodersCreated - before.encoders).toBe(0);
    expect(endpoint.isMediaTranscoding('VIDEO')).toBe(false);

    const stats = Object.values((await endpoint.invoke('getStats', { mediaType: 'VIDEO' })) as Record<string, Record<string, number | string>>);
    expect(stats.find((r) => r.type === 'inboundrtp')?.packetsReceived).toBeGreaterThan(0);
    expect(stats.find((r) => r.type === 'outboundrtp')?.packetsSent).toBeGreaterThan(0);
    expect(stats.find((r) => r.type === 'endpoint')?.id).toBe(endpoint.id);

    const types = new Set(events.map((e) => e.type));
    for (const type of ['IceCandidateFound', 'IceGatheringDone', 'IceComponentStateChanged', 'NewCandidatePairSelected', 'ConnectionStateChanged', 'MediaStateChanged', 'MediaSessionStarted']) {
      expect(types, type).toContain(type);
    }
    const found = events.find((e) => e.type === 'IceCandidateFound')!.candidate as IceCandidateInfo;
    expect(found).toEqual({ candidate: expect.stringMatching(/^candidate:/), sdpMid: expect.any(String), sdpMLineIndex: expect.any(Number) });
    expect(endpoint.getProperty('mediaState')).toBe('CONNECTED');
    expect(endpoint.getProperty('ICECandidatePairs')).toEqual([expect.objectContaining({ componentId: 1 })]);
  }, 60000);

  it('processOffer answers a full (non-trickle) offer with every candidate inside the SDP', async () => {
    const { endpoint } = setup();
    const peer = new WebRtcTransport({ direction: 'sendrecv' }, {});
    cleanup.push(() => peer.close());
    const offer = await peer.generateOffer({ audio: true, video: true });
    const answer = await endpoint.invoke('processOffer', { offer });
    expect(answer).toMatch(/^m=audio .*\r\n(.*\r\n)*m=video /m);
    expect(answer).toMatch(/a=rtpmap:\d+ VP8\/90000/);
    expect(answer).toMatch(/a=rtpmap:\d+ opus\/48000\/2/);
    expect(answer).toMatch(/x-google-max-bitrate=\d+/);
    expect(answer).toMatch(/^a=candidate:.* 127\.0\.0\.1 /m);
    await peer.processAnswer(answer as string);
    await until(() => endpoint.getProperty('connectionState') === 'CONNECTED', 'connection without trickle');
  }, 60000);

  it('applies externalIPv4 to the candidates of its answer and its IceCandidateFound events', async () => {
    const { endpoint, events } = setup();
    endpoint.setProperty('externalIPv4', '198.51.100.7');
    // A host name would be written into candidates as if it were an address: refused, value kept.
    expect(() => endpoint.setProperty('externalIPv4', 'media.example.org')).toThrow(
      expect.objectContaining({ type: 'MEDIA_OBJECT_ILLEGAL_PARAM_ERROR', message: expect.stringContaining("property 'externalIPv4' must be an IP address (not a host name), got 'media.example.org'") }),
    );
    expect(endpoint.getProperty('externalIPv4')).toBe('198.51.100.7');
    const peer = new WebRtcTransport({ direction: 'sendrecv' }, {});
    cleanup.push(() => peer.close());
    const answer = await endpoint.processOffer(await peer.generateOffer({ video: true }));
    const ipv4Hosts = answer.split('\r\n').filter((l) => /^a=candidate:.* \d+\.\d+\.\d+\.\d+ \d+ typ host/.test(l));
    expect(ipv4Hosts.length).toBeGreaterThan(0);
    expect(ipv4Hosts.every((l) => l.includes(' 198.51.100.7 '))).toBe(true);
    endpoint.gatherCandidates();
    await until(() => events.some((e) => e.type === 'IceGatheringDone'), 'IceGatheringDone');
    const found = events.filter((e) => e.type === 'IceCandidateFound').map((e) => (e.candidate as IceCandidateInfo).candidate);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((c) => c.includes(' 198.51.100.7 '))).toBe(true);
  }, 60000);

  it('reports ICE failure (FAILED, Error event) when the peer never answers checks', async () => {
    const { endpoint, events } = setup();
    const errors: MediaEvent[] = [];
    endpoint.on('Error', (e) => errors.push(e));
    const saved = WebRtcEndpoint.connectTimeoutMs;
    WebRtcEndpoint.connectTimeoutMs = 3000;
    cleanup.push(() => (WebRtcEndpoint.connectTimeoutMs = saved));
    const peer = new WebRtcTransport({}, {});
    const offer = await peer.generateOffer({ video: true });
    await peer.close(); // gone before any connectivity check
    await endpoint.processOffer(offer);
    await until(() => errors.length > 0, 'an Error event', 30_000, 100);
    // An Error event's `type` is its kind, as on Kurento's wire.
    expect(errors[0]).toMatchObject({ type: 'ICE_CONNECTION_FAILED', errorCode: KurentoErrorCode.UNEXPECTED_ERROR, description: expect.stringMatching(/ICE failed/) });
    expect(events.filter((e) => e.type === 'IceComponentStateChanged').map((e) => e.state)).toContain('FAILED');
    expect(endpoint.getProperty('connectionState')).toBe('DISCONNECTED');
  }, 60000);

  it("bad SDPs and candidates give Kurento's codes and leave the endpoint usable", async () => {
    const { endpoint } = setup();
    expect((await rejection(() => endpoint.getLocalSessionDescriptor())).code).toBe(KurentoErrorCode.SDP_END_POINT_NO_LOCAL_SDP_ERROR);
    expect((await rejection(() => endpoint.getRemoteSessionDescriptor())).code).toBe(KurentoErrorCode.SDP_END_POINT_NO_REMOTE_SDP_ERROR);
    expect((await rejection(endpoint.processAnswer('v=0\r\n'))).code).toBe(KurentoErrorCode.SDP_END_POINT_NOT_OFFER_GENERATED);
    const garbage = await rejection(endpoint.processOffer('this is not sdp'));
    expect(garbage.code).toBe(KurentoErrorCode.SDP_PARSE_ERROR);
    expect(garbage.message).toContain("'v=0'");

    const peer = new WebRtcTransport({ direction: 'sendrecv' }, {});
    cleanup.push(() => peer.close());
    const offer = await peer.generateOffer({ video: true });
    const noCommon = offer.replace(/VP8\/90000/g, 'AV1X/90000').replace(/H264\/90000/g, 'THEORA/90000');
    const codecError = await rejection(endpoint.processOffer(noCommon));
    expect(codecError.code).toBe(KurentoErrorCode.SDP_END_POINT_PROCESS_OFFER_ERROR);
    expect(codecError.message).toMatch(/no common codec.*AV1X/);
    expect((await rejection(endpoint.addIceCandidate({ candidate: 'nonsense', sdpMid: '0', sdpMLineIndex: 0 }))).code).toBe(
      KurentoErrorCode.ICE_ADD_CANDIDATE_ERROR,
    );

    // Still usable: the real offer negotiates, and a second offer is refused as Kurento does.
    const answer = await endpoint.processOffer(offer);
    expect(answer).toMatch(/a=rtpmap:\d+ VP8/);
    expect((await rejection(endpoint.processOffer(offer))).code).toBe(KurentoErrorCode.SDP_END_POINT_ALREADY_NEGOTIATED);
  }, 60000);
});
