import { afterEach, describe, expect, it } from 'vitest';
import type { AssembledFrame } from './frame-assembler.ts';
import { fakeVp8, until } from './test-support.ts';
import { COLOR_SPACE_URI } from './color-space-extension.ts';
import { WebRtcTransport, type IceCandidateInfo } from './webrtc-transport.ts';

describe('WebRtcTransport (werift to werift)', () => {
  const open: WebRtcTransport[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
  });

  it('negotiates, trickles candidates, carries whole VP8 frames and keyframe requests', async () => {
    const received: AssembledFrame[] = [];
    let keyframeRequests = 0;
    const offererCandidates: IceCandidateInfo[] = [];
    const offerer = new WebRtcTransport({ direction: 'sendonly' }, {
      onLocalCandidate: (c) => offererCandidates.push(c),
      onKeyframeRequested: () => keyframeRequests++,
    });
    const answerer = new WebRtcTransport({ direction: 'recvonly' }, { onFrame: (_kind, _codec, frame) => received.push(frame) });
    open.push(offerer, answerer);

    const offer = await offerer.generateOffer({ audio: false, video: true });
    // Trickle: hand the answerer an offer stripped of candidates, then the candidates one by one.
    const bare = offer.split('\r\n').filter((l) => !l.startsWith('a=candidate') && l !== 'a=end-of-candidates').join('\r\n');
    const answer = await answerer.processOffer(bare);
    expect(answer).toMatch(/a=rtpmap:\d+ VP8\/90000/);
    expect(offererCandidates.some((c) => c.candidate.includes(' 127.0.0.1 '))).toBe(true);
    for (const c of offererCandidates) await answerer.addIceCandidate(c);
    await offerer.processAnswer(answer);
    await until(() => offerer.pc.connectionState === 'connected' && answerer.pc.connectionState === 'connected', 'DTLS connected');
    expect(offerer.sendCodec('video')?.name).toBe('VP8');

    // The receiver drops frames until a keyframe and asks for one: that reaches the sender.
    const sent = [fakeVp8(900, false, 1), fakeVp8(3500, true, 2), fakeVp8(2500, false, 3), fakeVp8(40, false, 4)];
    let t = 1_000_000;
    await until(() => {
      offerer.sendFrame('video', 'VP8', sent[0]!, (t += 33_333));
      return keyframeRequests > 0;
    }, 'a PLI at the sender');
    for (const frame of sent.slice(1)) offerer.sendFrame('video', 'VP8', frame, (t += 33_333));
    await until(() => received.length >= 3, 'three frames');
    expect(received.map((f) => f.keyframe)).toEqual([true, false, false]);
    expect(received.map((f) => f.data.equals(sent[received.indexOf(f) + 1]!))).toEqual([true, true, true]);
  }, 40000);

  it('delivers keyframe requests when both peers send video (werift routes them to the receiver)', async () => {
    let requestsAtA = 0;
    let requestsAtB = 0;
    const a = new WebRtcTransport({ direction: 'sendrecv' }, { onKeyframeRequested: () => requestsAtA++ });
    const b = new WebRtcTransport({ direction: 'sendrecv' }, { onKeyframeRequested: () => requestsAtB++ });
    open.push(a, b);
    await a.processAnswer(await b.processOffer(await a.generateOffer({ video: true })));
    await until(() => a.pc.connectionState === 'connected' && b.pc.connectionState === 'connected', 'DTLS connected');
    // Delta frames only: each receiver keeps asking the other for a keyframe.
    let t = 0;
    await until(() => {
      a.sendFrame('video', 'VP8', fakeVp8(500, false, 1), (t += 33_333));
      b.sendFrame('video', 'VP8', fakeVp8(500, false, 2), t);
      return requestsAtA > 0 && requestsAtB > 0;
    }, 'keyframe requests at both senders');
    expect(a.stats.keyframeRequestsReceived).toBeGreaterThan(0);
  }, 40000);

  it("negotiates the color-space header extension and carries the sender's colour space with the frames", async () => {
    const received: AssembledFrame[] = [];
    const sender = new WebRtcTransport({ direction: 'sendonly' }, {});
    const receiver = new WebRtcTransport({ direction: 'recvonly' }, { onFrame: (_kind, _codec, frame) => received.push(frame) });
    open.push(sender, receiver);
    const offer = await sender.generateOffer({ video: true });
    expect(offer).toMatch(new RegExp(`^a=extmap:\\d+ ${COLOR_SPACE_URI}$`, 'm'));
    const answer = await receiver.processOffer(offer);
    expect(answer).toContain(COLOR_SPACE_URI);
    await sender.processAnswer(answer);
    await until(() => sender.pc.connectionState === 'connected' && receiver.pc.connectionState === 'connected', 'DTLS connected');
    // BT.709 primaries/transfer/matrix, full range (what Chrome says of a canvas capture).
    const fullRange = Buffer.from([1, 1, 1, 0x20]);
    let t = 0;
    await until(() => {
      sender.sendFrame('video', 'VP8', fakeVp8(2500, true, 1), (t += 33_333), fullRange);
      return received.length > 0;
    }, 'a keyframe with its colour space');
    sender.sendFrame('video', 'VP8', fakeVp8(300, false, 2), (t += 33_333));
    await until(() => received.length >= 2, 'a delta frame');
    // The delta frame carried no extension: the last colour space still applies to it.
    expect(received.map((f) => f.colorSpace?.toString('hex'))).toEqual(received.map(() => '01010120'));
  }, 40000);
});
