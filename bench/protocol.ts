/**
 * Kurento Protocol round trips over a real loopback WebSocket (server and client in this
 * process): ping, invoke getName, and create+release of a MediaPipeline. Milliseconds.
 */
import { RawClient } from '../engine/protocol/raw-client.ts';
import { startKurentoServer } from '../engine/protocol/server.ts';

const WARMUP = 200;
const ROUNDS = 2000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(rounds: number, once: () => Promise<void>): Promise<{ median: number; p99: number; perSecond: number }> {
  for (let i = 0; i < WARMUP; i++) await once();
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await once();
    times.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return { median: round(percentile(times, 50)), p99: round(percentile(times, 99)), perSecond: Math.round((rounds / total) * 1000) };
}

export async function benchProtocol(): Promise<Record<string, number>> {
  const server = await startKurentoServer({ port: 0 });
  const client = await RawClient.connect(server.url);
  try {
    await client.call('describe', { object: 'manager_ServerManager' });
    const ping = await measure(ROUNDS, async () => {
      await client.call('ping', { interval: 240000 });
    });
    const pipeline = (await client.call('create', { type: 'MediaPipeline' })) as string;
    const invoke = await measure(ROUNDS, async () => {
      await client.call('invoke', { object: pipeline, operation: 'getName' });
    });
    await client.call('release', { object: pipeline });
    const lifecycle = await measure(ROUNDS / 2, async () => {
      const id = (await client.call('create', { type: 'MediaPipeline', properties: {} })) as string;
      await client.call('release', { object: id });
    });
    if (server.stats().objects !== 0) throw new Error(`bench left ${server.stats().objects} objects behind`);
    return {
      pingMedianMs: ping.median,
      pingP99Ms: ping.p99,
      invokeGetNameMedianMs: invoke.median,
      invokeGetNameP99Ms: invoke.p99,
      createReleasePipelineMedianMs: lifecycle.median,
      createReleasePipelineP99Ms: lifecycle.p99,
      createReleasePipelinePerSecond: lifecycle.perSecond,
    };
  } finally {
    await client.close();
    await server.close();
  }
}
