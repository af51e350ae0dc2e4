import dns from 'node:dns';
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

/** A STUN server on 127.0.0.1 that answers every Binding request with `mapped` as the reflexive address. */
async function stunServer(mapped: { address: string; port: number }): Promise<{ port: number; requests: () => number; close: () => void }> {
  const socket = createSocket('udp4');
  let requests = 0;
  socket.on('message', (request, from) => {
    if (request.length < 20 || request.readUInt16BE(0) !== 0x0001) return;
    requests++;
    const response = Buffer.alloc(32);
    response.writeUInt16BE(0x0101, 0); // Binding success
    response.writeUInt16BE(12, 2);
    request.copy(response, 4, 4, 20); // magic cookie and transaction id
    response.writeUInt16BE(0x0020, 20); // XOR-MAPPED-ADDRESS
    response.writeUInt16BE(8, 22);
    response.writeUInt16BE(0x0001, 24); // IPv4
    response.writeUInt16BE(mapped.port ^ 0x2112, 26);
    const ip = mapped.address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
    response.writeUInt32BE((ip ^ 0x2112a442) >>> 0, 28);
    socket.send(response, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { port: socket.address().port, requests: () => requests, close: () => socket.close() };
}

describe('WebRtcTransport STUN', () => {
  const open: WebRtcTransport[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
  });

  it("asks no STUN server unless one is given (werift's default is stun.l.google.com)", async () => {
    // werift resolves a STUN server's name with dns.promises.lookup: watch which names it asks for.
    const lookups = vi.spyOn(dns.promises, 'lookup');
    const transport = new WebRtcTransport({}, {});
    open.push(transport);
    const offer = await transport.generateOffer({ video: true });
    const names = lookups.mock.calls.map(([name]) => name);
    lookups.mockRestore();
    expect(names).not.toContain('stun.l.google.com');
    expect(offer).not.toMatch(/typ srflx/);
    // Gathering had ended when the offer went out: it waited for no server.
    expect(offer).toContain('a=end-of-candidates');
  });

  it('asks the STUN server it is given and offers the reflexive address it reports', async () => {
    const server = await stunServer({ address: '203.0.113.9', port: 40000 });
    try {
      const transport = new WebRtcTransport({ stunServer: { host: '127.0.0.1', port: server.port } }, {});
      open.push(transport);
      const offer = await transport.generateOffer({ video: true });
      expect(server.requests()).toBeGreaterThan(0);
      expect(offer).toMatch(/ 203\.0\.113\.9 40000 typ srflx/);
    } finally {
      server.close();
    }
  });
});
