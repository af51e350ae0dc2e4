/**
 * How long WebRtcEndpoint.processOffer takes to answer a werift peer's offer: with no TURN
 * server, and with a turnUrl nobody answers (a UDP socket that drops every packet, a TCP port
 * that accepts and stays silent). werift's own gathering waits ~6.4 s for such a server; the
 * endpoint answers after its gathering deadline (1 s) and trickles what comes later.
 * Medians of ROUNDS rounds, ms.
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import '../engine/elements/index.ts';
import type { WebRtcEndpoint } from '../engine/elements/webrtc/web-rtc-endpoint.ts';
import { MediaPipeline } from '../engine/model/media-pipeline.ts';
import { WebRtcTransport } from '../engine/webrtc/webrtc-transport.ts';

const ROUNDS = 3;

async function processOfferMs(turnUrl: string | undefined): Promise<number> {
  const pipeline = new MediaPipeline();
  const peer = new WebRtcTransport({}, {});
  try {
    const endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
    if (turnUrl) endpoint.setProperty('turnUrl', turnUrl);
    const offer = await peer.generateOffer({ video: true });
    const started = performance.now();
    await endpoint.processOffer(offer);
    return performance.now() - started;
  } finally {
    pipeline.release();
    await peer.close();
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number): number => Math.round(n * 10) / 10;

export async function benchNegotiation(): Promise<Record<string, number>> {
  const dropping = createSocket('udp4');
  let turnPacketsDropped = 0;
  dropping.on('message', () => turnPacketsDropped++);
  await new Promise<void>((resolve) => dropping.bind(0, '127.0.0.1', resolve));
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentPort = (silent.address() as { port: number }).port;
  try {
    const times = { none: [] as number[], udpDropping: [] as number[], tcpSilent: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      times.none.push(await processOfferMs(undefined));
      times.udpDropping.push(await processOfferMs(`user:pass@127.0.0.1:${dropping.address().port}`));
      times.tcpSilent.push(await processOfferMs(`user:pass@127.0.0.1:${silentPort}?transport=tcp`));
    }
    return {
      processOfferMedianMs: round(median(times.none)),
      // Target: about the gathering deadline (1 s), not werift's 6.4 s of Allocate retries.
      processOfferUnreachableTurnUdpMedianMs: round(median(times.udpDropping)),
      processOfferUnreachableTurnTcpMedianMs: round(median(times.tcpSilent)),
      // The server really was asked (and kept being asked after the answers went out).
      unreachableTurnPacketsDropped: turnPacketsDropped,
    };
  } finally {
    dropping.close();
    silent.close();
  }
}
