/**
 * The official, unmodified kurento-client (the npm package Kurento's tutorials use) driving
 * Fluo's Kurento Protocol server over a real socket, in strict mode (it checks getInfo's modules).
 * Media itself (SDP answers, flowing frames) is not asserted here: that needs the media layer.
 */
import kurentoClient, { type KurentoClient, type RemoteObject } from 'kurento-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startKurentoServer, type KurentoServer } from '../../engine/protocol/server.ts';
import { call, nextEvent } from './client-calls.ts';

let server: KurentoServer;
let client: KurentoClient;
let dir: string;

beforeAll(async () => {
  // The client logs its ping bookkeeping; keep the test output readable.
  vi.spyOn(console, 'log').mockImplementation(() => {});
  dir = mkdtempSync(join(tmpdir(), 'fluo-kurento-'));
  server = await startKurentoServer({ port: 0, sessionGraceMs: 60_000 });
  client = await kurentoClient(server.url, { failAfter: 3 });
});

afterAll(async () => {
  client?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('kurento-client (official) against Fluo', () => {
  it('connects in strict mode and reads the server info', async () => {
    const manager = await client.getServerManager();
    const info = await call<{ modules: { name: string }[]; type: string }>(manager, 'getInfo');
    expect(server.stats().sessions).toBe(1);
    expect(info.modules.map((m) => m.name)).toEqual(expect.arrayContaining(['core', 'elements', 'filters']));
    expect(info.type).toBe('KMS');
  });

  it('creates every Kurento element type a tutorial uses, connects them and sees events', async () => {
    const pipeline = await client.create('MediaPipeline');
    expect(pipeline.id).toMatch(/^[0-9a-f-]{36}_kurento\.MediaPipeline$/);
    const webrtc = await call<RemoteObject>(pipeline, 'create', 'WebRtcEndpoint');
    const player = await call<RemoteObject>(pipeline, 'create', 'PlayerEndpoint', { uri: `file://${dir}/input.webm` });
    const recorder = await call<RemoteObject>(pipeline, 'create', 'RecorderEndpoint', { uri: `file://${dir}/output.webm`, mediaProfile: 'WEBM' });
    const face = await call<RemoteObject>(pipeline, 'create', 'FaceOverlayFilter');
    const composite = await call<RemoteObject>(pipeline, 'create', 'Composite');
    const port = await call<RemoteObject>(composite, 'createHubPort');
    for (const [object, type] of [[webrtc, 'WebRtcEndpoint'], [player, 'PlayerEndpoint'], [recorder, 'RecorderEndpoint'], [face, 'FaceOverlayFilter'], [composite, 'Composite'], [port, 'HubPort']] as const) {
      expect(object.id).toMatch(new RegExp(`^${pipeline.id}/.+_kurento\\.${type}$`));
    }

    const connected = nextEvent(player, 'ElementConnected');
    await call(player, 'connect', face);
    const event = await connected;
    expect(event).toMatchObject({ source: player.id, sink: face.id, type: 'ElementConnected' });
    await call(face, 'connect', webrtc);
    await call(webrtc, 'connect', port, 'VIDEO');
    await call(port, 'connect', recorder);
    const sinks = await call<{ sink: RemoteObject; type: string }[]>(player, 'getSinkConnections');
    expect(sinks.map((c) => c.type).sort()).toEqual(['AUDIO', 'VIDEO']);
    await call(player, 'disconnect', face, 'AUDIO');
    expect(await call<unknown[]>(player, 'getSinkConnections')).toHaveLength(1);

    expect(await call<string>(player, 'getUri')).toBe(`file://${dir}/input.webm`);
    await call(webrtc, 'setMaxVideoSendBandwidth', 500);
    expect(await call<number>(webrtc, 'getMaxVideoSendBandwidth')).toBe(500);
    await call(webrtc, 'setName', 'caller');
    expect(await call<string>(webrtc, 'getName')).toBe('caller');
    const children = await call<RemoteObject[]>(pipeline, 'getChildren');
    expect(children.map((c) => c.id).sort()).toEqual([webrtc, player, recorder, face, composite].map((o) => o.id).sort());
    expect((await call<RemoteObject>(webrtc, 'getMediaPipeline')).id).toBe(pipeline.id);

    await call(pipeline, 'addTag', 'room', 'blue');
    const tags = await call<{ key: string; value: string }[]>(pipeline, 'getTags');
    expect(tags.map((t) => [t.key, t.value])).toEqual([['room', 'blue']]);
    expect(await call<string>(pipeline, 'getTag', 'room')).toBe('blue');

    expect((await client.getMediaobjectById(webrtc.id)).id).toBe(webrtc.id);
    await pipeline.release();
  });

  it('finds objects by id from a second client and reports released ones as missing', async () => {
    const pipeline = await client.create('MediaPipeline');
    const passThrough = await call<RemoteObject>(pipeline, 'create', 'PassThrough');
    const second = await kurentoClient(server.url, { failAfter: 3 });
    try {
      const seen = await second.getMediaobjectById(passThrough.id);
      expect(seen.id).toBe(passThrough.id);
      expect(await call<string>(seen, 'getName')).toBe(passThrough.id);
      expect((await call<RemoteObject>(seen, 'getMediaPipeline')).id).toBe(pipeline.id);
      await pipeline.release();
      await expect(second.getMediaobjectById(`${pipeline.id}/nothing_kurento.PassThrough`)).rejects.toBeInstanceOf(ReferenceError);
      // kurento-client reports this failure to a callback (its promise resolves undefined).
      const failure = await new Promise((resolve) => call(seen, 'getName', resolve));
      expect(failure).toMatchObject({ code: 40101, data: { type: 'MEDIA_OBJECT_NOT_FOUND' } });
    } finally {
      second.close();
    }
  });

  it('sends implicit transactions that the server runs in order', async () => {
    const batching = await kurentoClient(server.url, { failAfter: 3, useImplicitTransactions: true });
    try {
      const pipeline = await batching.create('MediaPipeline');
      const [a, b] = await Promise.all([call<RemoteObject>(pipeline, 'create', 'PassThrough'), call<RemoteObject>(pipeline, 'create', 'PassThrough')]);
      await call(a, 'connect', b);
      expect(await call<unknown[]>(b, 'getSourceConnections')).toHaveLength(3);
      await pipeline.release();
    } finally {
      batching.close();
    }
  });

  it('resumes its session after the socket drops, keeping objects and event subscriptions', async () => {
    const pipeline = await client.create('MediaPipeline');
    const source = await call<RemoteObject>(pipeline, 'create', 'PassThrough');
    const sink = await call<RemoteObject>(pipeline, 'create', 'PassThrough');
    const events: Record<string, unknown>[] = [];
    const subscriptions = server.stats().subscriptions;
    source.on('ElementConnected', (data) => events.push(data));
    // A response lost with the socket is not retried by the client: let the subscribe land first.
    while (server.stats().subscriptions === subscriptions) await new Promise((resolve) => setTimeout(resolve, 10));
    const sessions = server.stats().sessions;

    const reconnected = new Promise<unknown>((resolve) => client.once('reconnected', resolve));
    server.dropConnections();
    expect(await reconnected).toBe(true);
    expect(server.stats().sessions).toBe(sessions);

    await call(source, 'connect', sink, 'VIDEO');
    expect(await call<string>(sink, 'getName')).toBe(sink.id);
    while (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events[0]).toMatchObject({ source: source.id, sink: sink.id, mediaType: 'VIDEO' });
    await pipeline.release();
  });
});
