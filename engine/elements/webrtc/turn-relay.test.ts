/**
 * WebRtcEndpoint.turnUrl against a real TURN server (node-turn, UDP) on 127.0.0.1: relay
 * candidates, refused credentials, refused turnUrl strings, TCP/TLS attempts, and a session
 * whose media can only go through the relay, also when the relay comes after the offer.
 */
import { createSocket, type Socket as DgramSocket } from 'node:dgram';
import { createRequire } from 'node:module';
import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { activeResourceCounts, resourcesLeftAbove } from '../test-support.ts';
import { RTCPeerConnection } from 'werift';
import { MediaError } from '../../errors.ts';
import type { MediaEvent } from '../../model/media-object.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import { FrameAssembler, type AssembledFrame } from '../../webrtc/frame-assembler.ts';
import { FramePacketizer } from '../../webrtc/frame-packetizer.ts';
import { codecByMime, weriftCodecs } from '../../webrtc/rtp-codecs.ts';
import { cleanupAfterEach, fakeVp8, sendUntilReceived, until } from '../../webrtc/test-support.ts';
import { WebRtcTransport, type IceCandidateInfo } from '../../webrtc/webrtc-transport.ts';
import './index.ts';
import { WebRtcEndpoint } from './web-rtc-endpoint.ts';

/** node-turn ships no types: the little of it these tests use. */
interface TurnAllocation {
  relayedTransportAddress: { address: string; port: number };
  /** The allocation's client (node-turn stores the request's transport reversed). */
  transport: { dst: { address: string; port: number } };
  channelBindings: Record<number, { address: string; port: number }>;
  sockets: DgramSocket[];
  timer: NodeJS.Timeout;
}
interface NodeTurnServer {
  start(): void;
  stop(): void;
  allocations: Record<string, TurnAllocation>;
  network: { sockets: DgramSocket[] };
  prependListener(event: 'channel_bind', listener: (request: unknown, reply: { addAttribute(name: string): void }) => void): void;
  prependListener(event: 'refresh', listener: (request: { allocation?: TurnAllocation }) => void): void;
}
const NodeTurn = createRequire(import.meta.url)('node-turn') as new (config: Record<string, unknown>) => NodeTurnServer;

const USER = 'alice';
/** ':' and '@' in the password: the parser must keep them. */
const PASSWORD = 'se:cr@t';

async function freeUdpPort(): Promise<number> {
  const probe = createSocket('udp4');
  await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** ChannelData from a client (RFC 5766 §11.4: channel 0x4000-0x7FFF, length, data) out to its peer. */
function relayChannelData(server: NodeTurnServer, data: Buffer, from: { address: string; port: number }): void {
  if (data.length < 4 || data[0]! < 0x40 || data[0]! > 0x7f) return;
  const allocation = Object.values(server.allocations).find((a) => a.transport.dst.address === from.address && a.transport.dst.port === from.port);
  const peer = allocation?.channelBindings[data.readUInt16BE(0)];
  if (peer) allocation.sockets[0]?.send(data.subarray(4, 4 + data.readUInt16BE(2)), peer.port, peer.address);
}

/**
 * A UDP relay in front of a TURN server, for one client, that holds back every Allocate request
 * and answer by `delayMs`: a TURN server slow to allocate. The client's retransmissions of an
 * Allocate are not passed on (node-turn would make one allocation per copy). Returns the port to
 * use instead of the server's.
 */
async function slowAllocations(turnPort: number, delayMs: number, cleanup: (() => unknown)[]): Promise<number> {
  const isAllocate = (data: Buffer): boolean => data.length >= 20 && (data.readUInt16BE(0) & 0xfeef) === 0x0003; // request or answer (class bits 0x0110)
  const [front, back] = [createSocket('udp4'), createSocket('udp4')];
  const timers = new Set<NodeJS.Timeout>();
  const transactions = new Set<string>();
  const later = (data: Buffer, send: () => void): void => {
    if (!isAllocate(data)) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, delayMs);
    timers.add(timer);
  };
  let client: { address: string; port: number } | undefined;
  front.on('message', (data, from) => {
    if (isAllocate(data)) {
      const transaction = data.subarray(8, 20).toString('hex');
      if (transactions.has(transaction)) return;
      transactions.add(transaction);
    }
    client = from;
    later(data, () => back.send(data, turnPort, '127.0.0.1'));
  });
  back.on('message', (data) => later(data, () => client && front.send(data, client.port, client.address)));
  await Promise.all([front, back].map((socket) => new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))));
  cleanup.push(() => {
    for (const timer of timers) clearTimeout(timer);
    for (const socket of [front, back]) socket.close();
  });
  return front.address().port;
}

/** `candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type>` */
function candidateParts(line: string): { address: string; port: number; type: string } {
  const fields = line.replace(/^a=/, '').split(' ');
  return { address: fields[4] ?? '', port: Number(fields[5]), type: fields[7] ?? '' };
}

describe('WebRtcEndpoint turnUrl', () => {
  const cleanup = cleanupAfterEach();

  async function turnServer(): Promise<{ port: number; relayAddresses(): string[]; closeAllocations(): void }> {
    const port = await freeUdpPort();
    const server = new NodeTurn({
      listeningIps: ['127.0.0.1'],
      relayIps: ['127.0.0.1'],
      listeningPort: port,
      authMech: 'long-term',
      credentials: { [USER]: PASSWORD },
      debugLevel: 'OFF',
    });
    // Two gaps of node-turn 0.0.6 that werift runs into, filled as RFC 5766 says: its ChannelBind
    // answer lacks MESSAGE-INTEGRITY (werift drops it), and it never relays the ChannelData a
    // client sends on a bound channel.
    server.prependListener('channel_bind', (_request, reply) => reply.addAttribute('message-integrity'));
    // node-turn forgets an allocation refreshed to lifetime 0 without closing its socket: keep them to close.
    const allocations = new Set<TurnAllocation>();
    server.prependListener('refresh', (request) => request.allocation && allocations.add(request.allocation));
    server.start();
    for (const socket of server.network.sockets) socket.on('message', (data, from) => relayChannelData(server, data, from));
    const closeAllocations = (): void => {
      for (const allocation of [...allocations, ...Object.values(server.allocations)]) {
        clearTimeout(allocation.timer);
        for (const socket of allocation.sockets) socket.close(() => undefined);
      }
      allocations.clear();
      for (const key of Object.keys(server.allocations)) delete server.allocations[key];
    };
    cleanup.push(() => {
      server.stop();
      closeAllocations();
    });
    return {
      port,
      relayAddresses: () => Object.values(server.allocations).map((a) => `${a.relayedTransportAddress.address}:${a.relayedTransportAddress.port}`),
      closeAllocations,
    };
  }

  function endpointWith(turnUrl: string): { endpoint: WebRtcEndpoint; events: MediaEvent[]; errors: MediaEvent[]; candidates: string[] } {
    const pipeline = new MediaPipeline();
    cleanup.push(() => pipeline.release());
    const endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
    endpoint.setProperty('turnUrl', turnUrl);
    const events: MediaEvent[] = [];
    const errors: MediaEvent[] = [];
    const candidates: string[] = [];
    endpoint.on('*', (e) => events.push(e));
    endpoint.on('Error', (e) => errors.push(e));
    endpoint.on('IceCandidateFound', (e) => candidates.push((e.candidate as IceCandidateInfo).candidate));
    return { endpoint, events, errors, candidates };
  }

  it('gathers a relay candidate at the address the TURN server allocated', async () => {
    const turn = await turnServer();
    const { endpoint, events, errors, candidates } = endpointWith(`${USER}:${PASSWORD}@127.0.0.1:${turn.port}`);
    await endpoint.generateOffer({ offerToReceiveAudio: false, offerToReceiveVideo: true });
    endpoint.gatherCandidates();
    await until(() => events.some((e) => e.type === 'IceGatheringDone'), 'IceGatheringDone');

    const relays = candidates.map(candidateParts).filter((c) => c.type === 'relay');
    expect(relays.length).toBeGreaterThanOrEqual(1);
    expect(turn.relayAddresses().length).toBeGreaterThanOrEqual(1);
    for (const relay of relays) expect(turn.relayAddresses()).toContain(`${relay.address}:${relay.port}`);
    expect(candidates.some((c) => candidateParts(c).type === 'host')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('with a wrong password: host candidates only, an Error event that says why, and the endpoint still works', async () => {
    const turn = await turnServer();
    const { endpoint, events, errors, candidates } = endpointWith(`${USER}:wrong@127.0.0.1:${turn.port}`);
    await endpoint.generateOffer({ offerToReceiveAudio: false, offerToReceiveVideo: true });
    endpoint.gatherCandidates();
    await until(() => events.some((e) => e.type === 'IceGatheringDone'), 'IceGatheringDone');

    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.filter((c) => candidateParts(c).type === 'relay')).toEqual([]);
    expect(turn.relayAddresses()).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.type).toBe('ICE_GATHER_CANDIDATES_ERROR');
    expect(errors[0]?.description).toContain(`TURN server 127.0.0.1:${turn.port} (udp) gave no relay candidate`);
    expect(endpoint.getLocalSessionDescriptor()).toContain('m=video');
  });

  it('refuses a bad turnUrl when it is set, naming what is wrong, and keeps the previous value', async () => {
    const { endpoint } = endpointWith(`${USER}:${PASSWORD}@127.0.0.1:3478`);
    const error = (() => {
      try {
        endpoint.setProperty('turnUrl', 'alice@127.0.0.1:3478');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).type).toBe('MEDIA_OBJECT_ILLEGAL_PARAM_ERROR');
    expect((error as MediaError).message).toContain("property 'turnUrl' is 'alice@127.0.0.1:3478', which has no ':' between the user name and the password");
    expect(() => endpoint.setProperty('turnUrl', 'alice:x@127.0.0.1?transport=quic')).toThrow("has transport 'quic', not udp, tcp or tls");
    expect(() => endpoint.setProperty('stunServerAddress', 'stun.example.org')).toThrow("property 'stunServerAddress' must be an IP address (not a host name), got 'stun.example.org'");
    expect(endpoint.getProperty('turnUrl')).toBe(`${USER}:${PASSWORD}@127.0.0.1:3478`);
    endpoint.setProperty('turnUrl', '');
    expect(endpoint.getProperty('turnUrl')).toBe('');
  });

  it.each([
    ['tcp', (first: Buffer) => first.readUInt16BE(0) === 0x0003], // a STUN Allocate request, framed on TCP
    ['tls', (first: Buffer) => first[0] === 0x16], // a TLS handshake record (ClientHello)
  ] as const)('with ?transport=%s: werift opens a connection to the TURN port', async (transport, looksRight) => {
    const arrived: Buffer[] = [];
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.once('data', (data) => arrived.push(data));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => server.close(resolve)));
    cleanup.push(() => sockets.forEach((s) => s.destroy()));
    const { port } = server.address() as { port: number };
    const { endpoint } = endpointWith(`${USER}:${PASSWORD}@127.0.0.1:${port}?transport=${transport}`);
    // Not awaited: the offer waits for gathering, i.e. for this fake server's TURN to time out.
    const offer = endpoint.generateOffer({ offerToReceiveAudio: false, offerToReceiveVideo: true }).catch(() => undefined);
    cleanup.push(() => offer);
    await until(() => arrived.length > 0, `the TURN ${transport} connection`);
    expect(looksRight(arrived[0]!)).toBe(true);
  });

  /**
   * A session with a werift peer that answers only ICE checks coming from the endpoint's relay and
   * pairs only with relay candidates: it connects, and VP8 frames come back through the
   * endpoint's loopback, only if the relay works. Returns the endpoint's offer.
   */
  async function exchangeThroughRelayOnly(endpoint: WebRtcEndpoint, relayAddresses: () => string[]): Promise<string> {
    endpoint.connect(endpoint); // loopback: what the peer sends comes back
    const relayPorts = new Set<number>();
    const peer = new RTCPeerConnection({
      codecs: weriftCodecs(),
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceUseIpv6: false,
      iceFilterStunResponse: (_message, address) => address[0] === '127.0.0.1' && relayPorts.has(address[1]),
      iceFilterCandidatePair: (pair) => pair.remoteCandidate.type === 'relay',
    });
    cleanup.push(() => peer.close());
    peer.onIceCandidate.subscribe((c) => {
      if (c) void endpoint.addIceCandidate({ candidate: c.toJSON().candidate, sdpMid: c.toJSON().sdpMid ?? '0', sdpMLineIndex: 0 });
    });
    endpoint.on('IceCandidateFound', (e) => {
      const candidate = e.candidate as IceCandidateInfo;
      const parts = candidateParts(candidate.candidate);
      if (parts.type !== 'relay') return;
      relayPorts.add(parts.port);
      void peer.addIceCandidate(candidate);
    });

    const codec = codecByMime('video/VP8')!;
    const received: AssembledFrame[] = [];
    peer.onTrack.subscribe((track) => {
      const assembler = new FrameAssembler(codec, { onFrame: (frame) => received.push(frame), onNeedKeyframe: () => undefined });
      cleanup.push(() => assembler.close());
      track.onReceiveRtp.subscribe((packet) => assembler.push(packet));
    });

    const offer = await endpoint.generateOffer({ offerToReceiveAudio: false, offerToReceiveVideo: true });
    const withoutCandidates = offer.split('\r\n').filter((l) => !l.startsWith('a=candidate') && l !== 'a=end-of-candidates').join('\r\n');
    await peer.setRemoteDescription({ type: 'offer', sdp: withoutCandidates });
    const transceiver = peer.getTransceivers()[0]!;
    transceiver.setDirection('sendrecv');
    await peer.setLocalDescription(await peer.createAnswer());
    await endpoint.processAnswer(peer.localDescription!.sdp);
    endpoint.gatherCandidates();

    await until(() => endpoint.getProperty('connectionState') === 'CONNECTED', 'the endpoint to connect through the relay');
    const pair = (endpoint.getProperty('ICECandidatePairs') as { localCandidate: string }[])[0];
    expect(candidateParts(pair!.localCandidate).type).toBe('relay');
    expect(relayAddresses()).toContain(`127.0.0.1:${candidateParts(pair!.localCandidate).port}`);

    const packetizer = new FramePacketizer(codec, { payloadType: transceiver.sender.codec?.payloadType });
    const sent = [fakeVp8(3000, true, 1), fakeVp8(900, false, 2), fakeVp8(400, false, 3)];
    const send = (frame: Buffer, timestampUs: number): void => {
      for (const packet of packetizer.packetize(frame, timestampUs)) void transceiver.sender.sendRtp(packet).catch(() => undefined);
    };
    await sendUntilReceived(send, sent, () => received.length, 'frames back through the relay');
    expect(received.every((r) => sent.some((s) => s.equals(r.data)))).toBe(true);
    return offer;
  }

  /** Shortens how long offers wait for candidates, for one test. */
  function gatheringWait(ms: number): void {
    const saved = WebRtcEndpoint.gatheringWaitMs;
    WebRtcEndpoint.gatheringWaitMs = ms;
    cleanup.push(() => (WebRtcEndpoint.gatheringWaitMs = saved));
  }

  it('connects and exchanges media through the relay when the peer answers nothing else', async () => {
    const turn = await turnServer();
    const { endpoint, errors } = endpointWith(`${USER}:${PASSWORD}@127.0.0.1:${turn.port}`);
    const offer = await exchangeThroughRelayOnly(endpoint, turn.relayAddresses);
    expect(offer).toMatch(/ typ relay/); // allocated before the offer went out
    expect(errors).toEqual([]);
  });

  it('a relay allocated after the offer went out is trickled, checked against the peer and carries media', async () => {
    gatheringWait(100);
    const turn = await turnServer();
    const slowPort = await slowAllocations(turn.port, 300, cleanup);
    const { endpoint, events, errors } = endpointWith(`${USER}:${PASSWORD}@127.0.0.1:${slowPort}`);
    const offer = await exchangeThroughRelayOnly(endpoint, turn.relayAddresses);
    expect(offer).not.toMatch(/ typ relay/); // the relay came later, as an IceCandidateFound
    expect(offer).not.toContain('a=end-of-candidates');
    await until(() => events.some((e) => e.type === 'IceGatheringDone'), 'IceGatheringDone');
    const found = events.filter((e) => e.type === 'IceCandidateFound' || e.type === 'IceGatheringDone').map((e) => e.type);
    expect(found.at(-1)).toBe('IceGatheringDone'); // after the relay candidate, never before
    expect(errors).toEqual([]);
  });

  it('released while a slow TURN server is still allocating: the relay it gets later is closed too', async () => {
    gatheringWait(100);
    const turn = await turnServer();
    const slowPort = await slowAllocations(turn.port, 300, cleanup);
    const baseline = activeResourceCounts();
    const { endpoint, errors } = endpointWith(`${USER}:${PASSWORD}@127.0.0.1:${slowPort}`);
    const peer = new WebRtcTransport({}, {});
    const answer = await endpoint.processOffer(await peer.generateOffer({ video: true }));
    expect(answer).not.toMatch(/ typ relay/);
    endpoint.release();
    await peer.close();
    await until(() => turn.relayAddresses().length > 0, 'the TURN server to allocate the relay after the release');
    turn.closeAllocations(); // the TURN server's side of it: what is left above the baseline is the endpoint's
    expect(await resourcesLeftAbove(baseline, 10_000)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
