/** Sessions over real sockets: resume, ownership, release after the grace period, limits, TLS. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { resolveOptions } from './options.ts';
import { RawClient } from './raw-client.ts';
import { startKurentoServer, type KurentoServer } from './server.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function serve(options: Parameters<typeof startKurentoServer>[0] = {}): Promise<KurentoServer> {
  const server = await startKurentoServer({ port: 0, ...options });
  cleanup.push(() => server.close());
  return server;
}

async function connect(server: KurentoServer): Promise<RawClient> {
  const client = await RawClient.connect(server.url);
  cleanup.push(() => client.close());
  return client;
}

/** Polls a condition the server reaches on its own (a timer), without asserting on time. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('session resume', () => {
  it('finds its objects and subscriptions again after reconnecting with its sessionId', async () => {
    const server = await serve({ sessionGraceMs: 60_000 });
    const first = await connect(server);
    const pipeline = (await first.call('create', { type: 'MediaPipeline' })) as string;
    const source = (await first.call('create', { type: 'PassThrough', constructorParams: { mediaPipeline: pipeline } })) as string;
    const sink = (await first.call('create', { type: 'PassThrough', constructorParams: { mediaPipeline: pipeline } })) as string;
    await first.call('subscribe', { object: source, type: 'ElementConnected' });
    const sessionId = first.sessionId!;
    await first.close();

    const second = await connect(server);
    const resumed = await second.request('connect', { sessionId });
    expect(resumed.result).toEqual({ sessionId, serverId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // The socket is now associated with the session: no sessionId needed.
    await second.request('invoke', { object: source, operation: 'connect', operationParams: { sink } }, { withSession: false });
    const event = await second.waitForEvent((e) => e.params.value.type === 'ElementConnected');
    expect(event.params.value.data.sink).toBe(sink);
    expect(server.stats().objects).toBe(3);
  });

  it('answers INVALID_SESSION for a session it does not know, and opens a new one on a bare connect', async () => {
    const server = await serve();
    const client = await connect(server);
    const unknown = await client.request('connect', { sessionId: 'b9a6f0f2-0000-4000-8000-000000000000' });
    expect(unknown.error).toMatchObject({ code: 40007, data: { type: 'INVALID_SESSION' } });
    const keepAlive = await client.request('keepAlive', { sessionId: 'nope' });
    expect(keepAlive.error?.code).toBe(40007);
    const fresh = await client.sendRaw({ jsonrpc: '2.0', id: 9, method: 'connect' });
    expect(fresh.result?.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a retransmitted request from its cache without running it twice', async () => {
    const server = await serve();
    const client = await connect(server);
    await client.request('ping', {});
    const message = { jsonrpc: '2.0', id: 'retry-1', method: 'create', params: { type: 'MediaPipeline', sessionId: 'cache-session' } };
    const once = await client.sendRaw(message);
    const twice = await client.sendRaw(message);
    expect(twice).toEqual(once);
    expect(server.stats().objects).toBe(1);
  });
});

describe('ownership and release', () => {
  it('releases a disconnected session’s objects after the grace period, leaving nothing behind', async () => {
    const server = await serve({ sessionGraceMs: 100 });
    const baseline = server.stats();
    const client = await connect(server);
    const pipeline = (await client.call('create', { type: 'MediaPipeline' })) as string;
    const hub = (await client.call('create', { type: 'Composite', constructorParams: { mediaPipeline: pipeline } })) as string;
    await client.call('create', { type: 'HubPort', constructorParams: { hub } });
    const element = (await client.call('create', { type: 'PassThrough', constructorParams: { mediaPipeline: pipeline } })) as string;
    await client.call('subscribe', { object: element, type: 'ElementConnected' });
    await client.call('subscribe', { object: 'manager_ServerManager', type: 'ObjectCreated' });
    expect(server.stats()).toMatchObject({ sessions: 1, objects: 4, subscriptions: 2, listeners: 2 });

    const watcher = await connect(server);
    await watcher.call('subscribe', { object: 'manager_ServerManager', type: 'ObjectDestroyed' });
    await client.close();
    await until(() => server.stats().objects === 0);
    await watcher.waitForEvent((e) => e.params.value.data.objectId === pipeline);
    await watcher.close();
    await until(() => server.stats().sessions === 0);
    expect(server.stats()).toEqual({ ...baseline, connections: 0 });
  });

  it('lets a second client use objects only by their ids, and keeps what it holds when the first goes', async () => {
    const server = await serve({ sessionGraceMs: 50 });
    const owner = await connect(server);
    const other = await connect(server);
    const pipeline = (await owner.call('create', { type: 'MediaPipeline' })) as string;
    const shared = (await owner.call('create', { type: 'PassThrough', constructorParams: { mediaPipeline: pipeline } })) as string;
    await owner.call('create', { type: 'PassThrough', constructorParams: { mediaPipeline: pipeline } });

    await other.request('ping', {});
    const guessed = await other.request('invoke', { object: `${pipeline}/00000000-0000-4000-8000-000000000000_kurento.PassThrough`, operation: 'getName' });
    expect(guessed.error?.code).toBe(40101);
    // Given the id (as Kurento), the other session may use it, and now holds it.
    expect(await other.call('invoke', { object: shared, operation: 'getName' })).toBe(shared);

    await owner.close();
    // The unshared element goes; the pipeline stays because the other session holds something in it.
    await until(() => server.stats().objects === 2);
    expect(await other.call('invoke', { object: shared, operation: 'getMediaPipeline' })).toBe(pipeline);
    await other.close();
    await until(() => server.stats().objects === 0);
    await until(() => server.stats().sessions === 0);
  });

  it('releases objects at once on closeSession with release:true', async () => {
    const server = await serve();
    const client = await connect(server);
    await client.call('create', { type: 'MediaPipeline' });
    await client.request('closeSession', { release: true });
    expect(server.stats()).toMatchObject({ objects: 0, sessions: 0 });
  });
});

describe('limits', () => {
  it('refuses objects beyond the per-session limit with NOT_ENOUGH_RESOURCES', async () => {
    const server = await serve({ maxObjectsPerSession: 2 });
    const client = await connect(server);
    const pipeline = (await client.call('create', { type: 'MediaPipeline' })) as string;
    await client.call('create', { type: 'PassThrough', constructorParams: { mediaPipeline: pipeline } });
    const third = await client.request('create', { type: 'PassThrough', constructorParams: { mediaPipeline: pipeline } });
    expect(third.error).toMatchObject({ code: 40009, data: { type: 'NOT_ENOUGH_RESOURCES' } });
    expect(third.error?.message).toContain('limit 2');
    await client.call('release', { object: pipeline });
    expect(await client.call('create', { type: 'MediaPipeline' })).toMatch(/MediaPipeline$/);
  });

  it('refuses sessions beyond the limit', async () => {
    const server = await serve({ maxSessions: 1 });
    const a = await connect(server);
    const b = await connect(server);
    await a.call('create', { type: 'MediaPipeline' });
    expect((await b.request('create', { type: 'MediaPipeline' })).error?.code).toBe(40009);
  });

  it('answers an oversized message with an error and closes the socket past the hard limit', async () => {
    const server = await serve({ maxMessageBytes: 1024 });
    const client = await connect(server);
    client.sendText(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(2000) } }));
    expect(await client.nextUnmatched()).toMatchObject({ id: null, error: { code: -32600, message: expect.stringContaining('exceeds the limit of 1024 bytes') } });
    expect((await client.request('ping', {})).result?.value).toBe('pong');
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    client.sendText('x'.repeat(10_000));
    expect(await closed).toBe(1009);
  });

  it('stops reading a socket that floods it and answers every request once it catches up', async () => {
    const server = await serve();
    const client = await connect(server);
    await client.request('ping', {});
    // Far more than the pause threshold, sent without waiting: reading pauses and resumes.
    const answers = await Promise.all(
      Array.from({ length: 2000 }, (_, i) => client.sendRaw({ jsonrpc: '2.0', id: i + 100, method: 'describe', params: { object: 'manager_ServerManager' } })),
    );
    expect(answers.map((a) => a.id)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 100));
    expect(answers.every((a) => a.result?.type === 'ServerManager')).toBe(true);
  });

  it('refuses connections beyond the limit', async () => {
    const server = await serve({ maxConnections: 1 });
    await connect(server);
    await expect(RawClient.connect(server.url)).rejects.toThrow('HTTP 503');
  });
});

describe('binding', () => {
  it('listens on loopback by default and refuses other addresses without TLS or an explicit opt-out', () => {
    expect(resolveOptions({}).host).toBe('127.0.0.1');
    expect(() => resolveOptions({ host: '0.0.0.0' })).toThrow(/without TLS/);
    expect(resolveOptions({ host: '0.0.0.0', allowInsecureRemote: true }).host).toBe('0.0.0.0');
    expect(resolveOptions({ host: '0.0.0.0', tls: { cert: 'c', key: 'k' } }).host).toBe('0.0.0.0');
    expect(resolveOptions({ host: '::1' }).host).toBe('::1');
  });

  it('speaks wss with the given certificate and key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluo-tls-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const server = await serve({ tls: { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) } });
    expect(server.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/kurento$/);
    // The client trusts exactly this certificate: the connection is verified, not merely encrypted.
    const socket = new WebSocket(server.url, { ca: readFileSync(join(dir, 'cert.pem')) });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const answer = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'ping', params: { interval: 5000 } }));
    expect(JSON.parse(await answer)).toEqual({ id: 0, jsonrpc: '2.0', result: { value: 'pong' } });
    socket.close();
  });
});
