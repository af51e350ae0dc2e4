/**
 * WebRtcEndpoint.turnUrl pointing at a TURN server that never answers: a UDP socket that drops
 * every packet, a TCP port that accepts and stays silent, a TCP port where nothing listens.
 * processOffer must answer with the host candidates without waiting for werift to give up on the
 * TURN server; the Error event still comes (once), and the session works over host candidates.
 * The same for a stunServerAddress that never answers.
 */
import { createSocket, type Socket as DgramSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { MediaEvent } from '../../model/media-object.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import type { AssembledFrame } from '../../webrtc/frame-assembler.ts';
import { cleanupAfterEach, fakeVp8, sendUntilReceived, until } from '../../webrtc/test-support.ts';
import { WebRtcTransport, type IceCandidateInfo } from '../../webrtc/webrtc-transport.ts';
import { activeResourceCounts, resourcesLeftAbove } from '../test-support.ts';
import './index.ts';
import type { WebRtcEndpoint } from './web-rtc-endpoint.ts';

/** What a silent TURN server saw, counted as the test goes. */
interface SilentTurn {
  port: number;
  transport: 'udp' | 'tcp';
  /** STUN requests (UDP: Allocate, or Binding for a STUN server) or data chunks (TCP) received so far. */
  received(): number;
}

const STUN_ALLOCATE_REQUEST = 0x0003;
const STUN_BINDING_REQUEST = 0x0001;

/** A UDP socket that drops everything, counting the STUN requests of type `counted` it got. */
async function droppingUdpSocket(cleanup: (() => unknown)[], counted = STUN_ALLOCATE_REQUEST): Promise<SilentTurn> {
  const socket: DgramSocket = createSocket('udp4');
  let requests = 0;
  socket.on('message', (data) => {
    if (data.length >= 20 && data.readUInt16BE(0) === counted) requests++;
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return { port: socket.address().port, transport: 'udp', received: () => requests };
}

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function silentTcpServer(cleanup: (() => unknown)[]): Promise<SilentTurn> {
  const sockets: Socket[] = [];
  let chunks = 0;
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', () => chunks++);
  });
  const port = await listening(server);
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  cleanup.push(() => sockets.forEach((s) => s.destroy()));
  return { port, transport: 'tcp', received: () => chunks };
}

/** A TCP port nobody listens on: connections are refused at once. */
async function closedTcpPort(): Promise<SilentTurn> {
  const server = createServer();
  const port = await listening(server);
  await new Promise((resolve) => server.close(resolve));
  return { port, transport: 'tcp', received: () => 0 };
}

describe('WebRtcEndpoint turnUrl with a TURN server that does not answer', () => {
  const cleanup = cleanupAfterEach();

  it.each([
    ['a UDP socket that drops everything', droppingUdpSocket, true],
    ['a TCP port that accepts and never answers', silentTcpServer, true],
    ['a TCP port where nothing listens', closedTcpPort, false],
  ] as const)('%s: the answer comes with host candidates, one Error event, and the session carries frames', async (_name, makeServer, waitsForTimeout) => {
    const turn = await makeServer(cleanup);
    const baseline = activeResourceCounts();
    const pipeline = new MediaPipeline();
    const endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
    endpoint.connect(endpoint); // loopback: what the peer sends comes back
    endpoint.setProperty('turnUrl', `user:pass@127.0.0.1:${turn.port}?transport=${turn.transport}`);
    const order: string[] = [];
    const errors: MediaEvent[] = [];
    const found: string[] = [];
    endpoint.on('Error', (e) => {
      errors.push(e);
      order.push(e.type);
    });
    endpoint.on('IceCandidateFound', (e) => found.push((e.candidate as IceCandidateInfo).candidate));
    endpoint.on('IceGatheringDone', () => order.push('IceGatheringDone'));

    const received: AssembledFrame[] = [];
    const peer = new WebRtcTransport({ direction: 'sendrecv' }, { onFrame: (_kind, _codec, frame) => received.push(frame) });
    const offer = await peer.generateOffer({ video: true }); // a full offer: its candidates are inside
    const answer = await endpoint.processOffer(offer);
    order.push('answer');
    const turnRequestsBeforeAnswer = turn.received();
    endpoint.gatherCandidates();

    const candidates = answer.split('\r\n').filter((l) => l.startsWith('a=candidate:'));
    expect(candidates.some((l) => / 127\.0\.0\.1 \d+ typ host/.test(l))).toBe(true);
    expect(candidates.filter((l) => / typ relay/.test(l))).toEqual([]);

    // The answer alone connects the peer (no candidate trickled from the endpoint is used).
    await peer.processAnswer(answer);
    await until(() => endpoint.getProperty('connectionState') === 'CONNECTED', 'the endpoint to connect over host candidates');
    const sent = [fakeVp8(3000, true, 5), fakeVp8(800, false, 6), fakeVp8(200, false, 7)];
    await sendUntilReceived((frame, timestampUs) => peer.sendFrame('video', 'VP8', frame, timestampUs), sent, () => received.length, 'frames back through the loopback');
    expect(received.every((r) => sent.some((s) => s.equals(r.data)))).toBe(true);

    await until(() => order.includes('IceGatheringDone'), 'IceGatheringDone once werift gave up on the TURN server', 30_000, 100);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ type: 'ICE_GATHER_CANDIDATES_ERROR', description: expect.stringContaining(`TURN server 127.0.0.1:${turn.port} (${turn.transport}) gave no relay candidate`) });
    expect(found.some((c) => / typ host/.test(c))).toBe(true);
    expect(found.filter((c) => / typ relay/.test(c))).toEqual([]);
    if (waitsForTimeout) {
      // The answer did not wait for werift to give up: the endpoint was still asking the TURN
      // server after it, and the Error that says it gave up came later.
      expect(turnRequestsBeforeAnswer).toBeGreaterThan(0);
      expect(turn.received()).toBeGreaterThan(turnRequestsBeforeAnswer);
      expect(order).toEqual(['answer', 'ICE_GATHER_CANDIDATES_ERROR', 'IceGatheringDone']);
    }

    pipeline.release();
    await peer.close();
    expect(await resourcesLeftAbove(baseline, 20_000)).toEqual([]);
  }, 60_000);
});

describe('WebRtcEndpoint stunServerAddress pointing at a STUN server that does not answer', () => {
  const cleanup = cleanupAfterEach();

  it('the answer comes with host candidates while the endpoint is still asking, and the session carries frames', async () => {
    const stun = await droppingUdpSocket(cleanup, STUN_BINDING_REQUEST);
    const pipeline = new MediaPipeline();
    cleanup.push(() => pipeline.release());
    const endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
    endpoint.connect(endpoint);
    endpoint.setProperty('stunServerAddress', '127.0.0.1');
    endpoint.setProperty('stunServerPort', stun.port);
    const order: string[] = [];
    endpoint.on('IceGatheringDone', () => order.push('IceGatheringDone'));

    const received: AssembledFrame[] = [];
    const peer = new WebRtcTransport({ direction: 'sendrecv' }, { onFrame: (_kind, _codec, frame) => received.push(frame) });
    cleanup.push(() => peer.close());
    const answer = await endpoint.processOffer(await peer.generateOffer({ video: true }));
    order.push('answer');
    const bindingsBeforeAnswer = stun.received();
    endpoint.gatherCandidates();
    expect(answer).toMatch(/ 127\.0\.0\.1 \d+ typ host/);

    await peer.processAnswer(answer);
    await until(() => endpoint.getProperty('connectionState') === 'CONNECTED', 'the endpoint to connect over host candidates');
    const sent = [fakeVp8(3000, true, 5), fakeVp8(800, false, 6)];
    await sendUntilReceived((frame, timestampUs) => peer.sendFrame('video', 'VP8', frame, timestampUs), sent, () => received.length, 'frames back through the loopback');

    await until(() => order.includes('IceGatheringDone'), 'IceGatheringDone once werift gave up on the STUN server', 30_000, 100);
    // The answer did not wait for werift to give up: the STUN server was asked again after it.
    expect(bindingsBeforeAnswer).toBeGreaterThan(0);
    expect(stun.received()).toBeGreaterThan(bindingsBeforeAnswer);
    expect(order).toEqual(['answer', 'IceGatheringDone']);
  }, 60_000);
});
