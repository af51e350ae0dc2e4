/**
 * Throws 10,000+ random and mutated messages at the server over real sockets. Afterwards it
 * still answers ping, every well-formed request got exactly one answer, no handler failed
 * unexpectedly, nothing was polluted, and once the sockets go every object, session, listener
 * and subscription is gone, with the heap roughly where it started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { MessageFuzzer, seededRandom, type FuzzKnowledge } from './fuzz-messages.ts';
import { RawClient } from './raw-client.ts';
import { startKurentoServer, type KurentoServer } from './server.ts';

const MESSAGES = 10_500;
const SOCKETS = 3;
const BATCH = 150;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

let server: KurentoServer;
let folder: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'fluo-fuzz-'));
  server = await startKurentoServer({ port: 0, sessionGraceMs: 20, maxMessageBytes: 64 * 1024, requestCacheMs: 1000 });
});
afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Learns ids from answers so later requests aim at live objects. */
function learn(known: FuzzKnowledge, value: unknown): void {
  if (typeof value === 'string') {
    if (value.includes('_kurento.')) known.objects.push(value);
    else if (/^[0-9a-f-]{36}$/.test(value)) known.subscriptions.push(value);
  } else if (Array.isArray(value)) for (const item of value) learn(known, (item as { result?: { value?: unknown } })?.result?.value ?? item);
  if (known.objects.length > 200) known.objects.splice(0, 100);
  if (known.subscriptions.length > 200) known.subscriptions.splice(0, 100);
}

async function fuzzSocket(index: number, count: number): Promise<{ sent: number; expected: number; answered: number }> {
  const client = await RawClient.connect(server.url);
  const random = seededRandom(0xf100 + index);
  const known: FuzzKnowledge = { objects: [], subscriptions: [], sessionIds: [] };
  const fuzzer = new MessageFuzzer(random, known, folder);
  let sessionId: string | undefined;
  let nextId = 1;
  let sent = 0;
  let expected = 0;
  let answered = 0;
  const waits: Promise<unknown>[] = [];

  while (sent < count) {
    for (let i = 0; i < BATCH && sent < count; i++, sent++) {
      const id = nextId++;
      const valid = fuzzer.request(id, sessionId);
      const roll = random();
      if (roll < 0.35) {
        // A valid request: it must be answered, with its own id.
        expected++;
        waits.push(
          client.sendRaw(valid).then((response) => {
            answered++;
            learn(known, response.result?.value);
            const sid = response.result?.sessionId;
            if (typeof sid === 'string') {
              sessionId ??= sid;
              if (!known.sessionIds.includes(sid)) known.sessionIds.push(sid);
            }
          }),
        );
      } else if (roll < 0.8) client.sendText(JSON.stringify(fuzzer.mutate(valid)));
      else if (roll < 0.98) client.sendText(fuzzer.corruptText(JSON.stringify(valid)));
      else client.sendText(JSON.stringify({ ...valid, params: { pad: 'x'.repeat(70 * 1024) } }));
    }
    // Requests run in order on a socket: once this is answered, the batch has been handled.
    await client.sendRaw({ jsonrpc: '2.0', id: `marker-${nextId++}`, method: 'describe', params: { object: 'manager_ServerManager' } });
    await Promise.all(waits.splice(0));
  }
  const pong = await client.sendRaw({ jsonrpc: '2.0', id: 'final-ping', method: 'ping', params: { interval: 5000 } });
  expect(pong.result?.value).toBe('pong');
  await client.close();
  return { sent, expected, answered };
}

it(`survives ${MESSAGES} random and mutated messages without crashing or leaking`, { timeout: 240_000 }, async () => {
  const unexpected = vi.spyOn(console, 'error');
  const baseline = server.stats();
  // Warm up once so lazily built things (catalog caches, JIT) are in the baseline heap.
  await fuzzSocket(99, 300);
  await until(() => server.stats().sessions === 0);
  const heapBefore = heapUsed();

  const results = await Promise.all(Array.from({ length: SOCKETS }, (_, i) => fuzzSocket(i, Math.ceil(MESSAGES / SOCKETS))));
  const total = results.reduce((sum, r) => sum + r.sent, 0);
  expect(total).toBeGreaterThanOrEqual(10_000);
  for (const r of results) expect(r.answered).toBe(r.expected);

  // Still serving after the storm, on a fresh socket.
  const probe = await RawClient.connect(server.url);
  expect((await probe.request('ping', {})).result?.value).toBe('pong');
  expect((await probe.request('describe', { object: 'manager_ServerManager' })).result?.type).toBe('ServerManager');
  await probe.close();

  // Every session loses its socket, waits out the grace period and takes its objects along.
  await until(() => server.stats().sessions === 0);
  expect(server.stats()).toEqual(baseline);
  expect(unexpected).not.toHaveBeenCalled();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  const growth = heapUsed() - heapBefore;
  console.info(`fuzz: ${total} messages, heap growth ${(growth / 1024 / 1024).toFixed(1)} MiB`);
  expect(growth).toBeLessThan(40 * 1024 * 1024);
});
