/** The Kurento Protocol on the wire: exact request/response shapes over a real socket. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { RawClient } from './raw-client.ts';
import { startKurentoServer, type KurentoServer } from './server.ts';

const PIPELINE_ID = /^[0-9a-f-]{36}_kurento\.MediaPipeline$/;

let server: KurentoServer;
let client: RawClient;

beforeAll(async () => {
  server = await startKurentoServer({ port: 0 });
  client = await RawClient.connect(server.url);
});

afterAll(async () => {
  await client.close();
  await server.close();
});

async function newPipeline(c = client): Promise<string> {
  return (await c.call('create', { type: 'MediaPipeline', properties: {} })) as string;
}

describe('handshake as kurento-client does it', () => {
  it('answers ping without a session with only the pong', async () => {
    const fresh = await RawClient.connect(server.url);
    const response = await fresh.request('ping', { interval: 5000 });
    expect(response).toEqual({ id: 1, jsonrpc: '2.0', result: { value: 'pong' } });
    await fresh.close();
  });

  it('opens a session on the first request and describes the ServerManager', async () => {
    const response = await client.request('describe', { object: 'manager_ServerManager' });
    expect(response.result).toEqual({
      type: 'ServerManager',
      qualifiedType: 'kurento.ServerManager',
      hierarchy: ['kurento.MediaObject'],
      sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('reports the core, elements and filters modules in getInfo', async () => {
    const info = (await client.call('invoke', { object: 'manager_ServerManager', operation: 'getInfo' })) as Record<string, unknown>;
    expect(info).toMatchObject({ version: '7.3.0', type: 'KMS', capabilities: ['transactions'], __module__: 'kurento', __type__: 'ServerInfo' });
    const modules = info.modules as { name: string; factories: string[]; __type__: string }[];
    expect(modules.map((m) => m.name)).toEqual(['core', 'elements', 'filters', 'fluo']);
    expect(modules[0]!.__type__).toBe('ModuleInfo');
    expect(modules.find((m) => m.name === 'elements')!.factories).toContain('WebRtcEndpoint');
    expect(modules.find((m) => m.name === 'fluo')!.factories).toContain('TestPatternEndpoint');
  });

  it('answers the ServerManager queries', async () => {
    const pipeline = await newPipeline();
    const manager = { object: 'manager_ServerManager' };
    expect(await client.call('invoke', { ...manager, operation: 'getPipelines' })).toContain(pipeline);
    expect(await client.call('invoke', { ...manager, operation: 'getSessions' })).toContain(client.sessionId);
    expect(await client.call('invoke', { ...manager, operation: 'getCpuCount' })).toBeGreaterThan(0);
    expect(await client.call('invoke', { ...manager, operation: 'getUsedMemory' })).toBeGreaterThan(1000);
    const cpu = await client.call('invoke', { ...manager, operation: 'getUsedCpu', operationParams: { interval: 10 } });
    expect(typeof cpu).toBe('number');
    const kmd = JSON.parse((await client.call('invoke', { ...manager, operation: 'getKmd', operationParams: { moduleName: 'elements' } })) as string);
    expect(kmd.remoteClasses.map((c: { name: string }) => c.name)).toContain('WebRtcEndpoint');
    const missing = await client.request('invoke', { ...manager, operation: 'getKmd', operationParams: { moduleName: 'chroma' } });
    expect(missing.error).toMatchObject({ code: 40500, data: { type: 'SERVER_MANAGER_ERROR_KMD_NOT_FOUND' } });
    await client.call('release', { object: pipeline });
  });
});

describe('create, invoke, describe, release', () => {
  it('creates a pipeline and elements with Kurento ids and hierarchies', async () => {
    const pipeline = await newPipeline();
    expect(pipeline).toMatch(PIPELINE_ID);
    const webrtc = (await client.call('create', { type: 'WebRtcEndpoint', constructorParams: { mediaPipeline: pipeline }, properties: {} })) as string;
    expect(webrtc.startsWith(`${pipeline}/`)).toBe(true);
    expect(webrtc).toMatch(/_kurento\.WebRtcEndpoint$/);
    const described = await client.request('describe', { object: webrtc });
    expect(described.result).toEqual({
      type: 'WebRtcEndpoint',
      qualifiedType: 'kurento.WebRtcEndpoint',
      hierarchy: ['kurento.BaseRtpEndpoint', 'kurento.SdpEndpoint', 'kurento.SessionEndpoint', 'kurento.Endpoint', 'kurento.MediaElement', 'kurento.MediaObject'],
      sessionId: client.sessionId,
    });
    expect((await client.request('describe', { object: pipeline })).result?.hierarchy).toEqual(['kurento.MediaObject']);
    await client.call('release', { object: pipeline });
  });

  it("describes Fluo's own elements under their own names", async () => {
    const pipeline = await newPipeline();
    const pattern = (await client.call('create', { type: 'TestPatternEndpoint', constructorParams: { mediaPipeline: pipeline, pattern: 'SMPTE_BARS' } })) as string;
    const described = await client.request('describe', { object: pattern });
    expect(described.result).toMatchObject({ type: 'TestPatternEndpoint', qualifiedType: 'fluo.TestPatternEndpoint', hierarchy: ['kurento.Endpoint', 'kurento.MediaElement', 'kurento.MediaObject'] });
    await client.call('release', { object: pipeline });
  });

  it('gives Kurento errors for bad creates', async () => {
    const pipeline = await newPipeline();
    expect((await client.request('create', { type: 'Nope', constructorParams: {} })).error).toEqual({ code: 40108, message: "Factory 'Nope' not found", data: { type: 'MEDIA_OBJECT_NOT_AVAILABLE' } });
    expect((await client.request('create', { type: 'MediaElement', constructorParams: {} })).error?.code).toBe(40108);
    const noUri = await client.request('create', { type: 'PlayerEndpoint', constructorParams: { mediaPipeline: pipeline } });
    expect(noUri.error).toMatchObject({ code: 40001, data: { type: 'MARSHALL_ERROR' } });
    expect(noUri.error?.message).toContain("'uri'");
    const badType = await client.request('create', { type: 'Composite', constructorParams: { mediaPipeline: pipeline, width: 'wide' } });
    expect(badType.error?.code).toBe(40001);
    expect(badType.error?.message).toContain('width');
    const noPipe = await client.request('create', { type: 'PassThrough', constructorParams: { mediaPipeline: 'gone_kurento.MediaPipeline' } });
    expect(noPipe.error).toMatchObject({ code: 40101, data: { type: 'MEDIA_OBJECT_NOT_FOUND' } });
    expect((await client.request('create', { constructorParams: {} })).error?.code).toBe(-32602);
    await client.call('release', { object: pipeline });
  });

  it('reads and writes properties through getX/setX', async () => {
    const pipeline = await newPipeline();
    const webrtc = (await client.call('create', { type: 'WebRtcEndpoint', constructorParams: { mediaPipeline: pipeline } })) as string;
    expect(await client.call('invoke', { object: webrtc, operation: 'getName' })).toBe(webrtc);
    expect(await client.request('invoke', { object: webrtc, operation: 'setName', operationParams: { name: 'caller' } })).toEqual({
      id: expect.any(Number),
      jsonrpc: '2.0',
      result: { value: null, sessionId: client.sessionId },
    });
    expect(await client.call('invoke', { object: webrtc, operation: 'getName' })).toBe('caller');
    await client.call('invoke', { object: webrtc, operation: 'setMaxVideoSendBandwidth', operationParams: { maxVideoSendBandwidth: 700 } });
    expect(await client.call('invoke', { object: webrtc, operation: 'getMaxVideoSendBandwidth' })).toBe(700);
    expect(await client.call('invoke', { object: webrtc, operation: 'getMediaPipeline' })).toBe(pipeline);
    expect(await client.call('invoke', { object: webrtc, operation: 'getParent' })).toBe(pipeline);
    expect(await client.call('invoke', { object: pipeline, operation: 'getParent' })).toBeNull();
    expect(await client.call('invoke', { object: pipeline, operation: 'getChildren' })).toEqual([webrtc]);
    expect(await client.call('invoke', { object: webrtc, operation: 'getSendTagsInEvents' })).toBe(false);
    expect(typeof (await client.call('invoke', { object: webrtc, operation: 'getCreationTime' }))).toBe('number');
    const wrong = await client.request('invoke', { object: webrtc, operation: 'setMaxVideoSendBandwidth', operationParams: { maxVideoSendBandwidth: 'fast' } });
    expect(wrong.error).toMatchObject({ code: 40001, data: { type: 'MARSHALL_ERROR' } });
    expect(wrong.error?.message).toContain('caller');
    const readOnly = await client.request('invoke', { object: webrtc, operation: 'setMediaState', operationParams: { mediaState: 'CONNECTED' } });
    expect(readOnly.error).toMatchObject({ code: 40008, data: { type: 'MALFORMED_TRANSACTION' } });
    const unknown = await client.request('invoke', { object: webrtc, operation: 'fly' });
    expect(unknown.error?.code).toBe(40008);
    expect(unknown.error?.message).toContain("Method 'fly' with 0 parameters not found");
    const gone = await client.request('invoke', { object: `${pipeline}/nothing_kurento.PassThrough`, operation: 'getName' });
    expect(gone.error).toMatchObject({ code: 40101, message: `Object '${pipeline}/nothing_kurento.PassThrough' not found` });
    await client.call('release', { object: pipeline });
  });

  it('keeps tags and names the missing one', async () => {
    const pipeline = await newPipeline();
    await client.call('invoke', { object: pipeline, operation: 'addTag', operationParams: { key: 'room', value: 'blue' } });
    expect(await client.call('invoke', { object: pipeline, operation: 'getTag', operationParams: { key: 'room' } })).toBe('blue');
    expect(await client.call('invoke', { object: pipeline, operation: 'getTags' })).toEqual([{ key: 'room', value: 'blue', __module__: 'kurento', __type__: 'Tag' }]);
    const missing = await client.request('invoke', { object: pipeline, operation: 'getTag', operationParams: { key: 'floor' } });
    expect(missing.error).toMatchObject({ code: 40110, data: { type: 'MEDIA_OBJECT_TAG_KEY_NOT_FOUND' } });
    await client.call('invoke', { object: pipeline, operation: 'removeTag', operationParams: { key: 'room' } });
    expect(await client.call('invoke', { object: pipeline, operation: 'getTags' })).toEqual([]);
    await client.call('release', { object: pipeline });
  });

  it('connects elements, raises events and reports connections as ElementConnectionData', async () => {
    const pipeline = await newPipeline();
    const source = (await client.call('create', { type: 'PassThrough', constructorParams: { mediaPipeline: pipeline } })) as string;
    const sink = (await client.call('create', { type: 'PassThrough', constructorParams: { mediaPipeline: pipeline } })) as string;
    const subscription = (await client.call('subscribe', { object: source, type: 'ElementConnected' })) as string;
    expect(subscription).toMatch(/^[0-9a-f-]{36}$/);
    await client.call('invoke', { object: source, operation: 'setSendTagsInEvents', operationParams: { sendTagsInEvents: true } });
    await client.call('invoke', { object: source, operation: 'addTag', operationParams: { key: 'k', value: 'v' } });
    await client.call('invoke', { object: source, operation: 'connect', operationParams: { sink, mediaType: 'VIDEO' } });
    const event = await client.waitForEvent((e) => e.params.value.object === source);
    expect(event).toEqual({
      jsonrpc: '2.0',
      method: 'onEvent',
      params: {
        value: {
          object: source,
          type: 'ElementConnected',
          data: {
            source,
            sink,
            mediaType: 'VIDEO',
            sourceMediaDescription: 'default',
            sinkMediaDescription: 'default',
            tags: [{ key: 'k', value: 'v', __module__: 'kurento', __type__: 'Tag' }],
            timestampMillis: expect.stringMatching(/^\d+$/),
            type: 'ElementConnected',
          },
        },
      },
    });
    const connections = await client.call('invoke', { object: source, operation: 'getSinkConnections' });
    expect(connections).toEqual([{ source, sink, type: 'VIDEO', sourceDescription: 'default', sinkDescription: 'default', __module__: 'kurento', __type__: 'ElementConnectionData' }]);
    const before = server.stats().listeners;
    await client.call('unsubscribe', { object: source, subscription });
    expect(server.stats().listeners).toBe(before - 1);
    const noEvent = await client.request('subscribe', { object: source, type: 'IceCandidateFound' });
    expect(noEvent.error).toMatchObject({ code: 40106, data: { type: 'MEDIA_OBJECT_EVENT_NOT_SUPPORTED' } });
    expect((await client.request('subscribe', { object: source, type: '*' })).error?.code).toBe(40106);
    expect(typeof (await client.call('subscribe', { object: source, type: 'Error' }))).toBe('string');
    const badMedia = await client.request('invoke', { object: source, operation: 'connect', operationParams: { sink, mediaType: 'SMELL' } });
    expect(badMedia.error?.code).toBe(40001);
    await client.call('release', { object: pipeline });
  });

  it('creates HubPorts inside their hub', async () => {
    const pipeline = await newPipeline();
    const composite = (await client.call('create', { type: 'Composite', constructorParams: { mediaPipeline: pipeline } })) as string;
    const port = (await client.call('create', { type: 'HubPort', constructorParams: { hub: composite } })) as string;
    // Kurento nests a port's id under its hub's (`<pipe>/<hub>/<port>`); the engine's ids put it under the pipeline.
    expect(port.startsWith(`${pipeline}/`)).toBe(true);
    expect(port).toMatch(/_kurento\.HubPort$/);
    expect(await client.call('invoke', { object: composite, operation: 'getChildren' })).toEqual([port]);
    expect(await client.call('invoke', { object: port, operation: 'getParent' })).toBe(composite);
    await client.call('release', { object: pipeline });
  });

  it('releases a pipeline with everything in it and reports ObjectDestroyed for each', async () => {
    const pipeline = await newPipeline();
    const element = (await client.call('create', { type: 'PassThrough', constructorParams: { mediaPipeline: pipeline } })) as string;
    await client.call('subscribe', { object: 'manager_ServerManager', type: 'ObjectDestroyed' });
    expect(await client.request('release', { object: pipeline })).toEqual({ id: expect.any(Number), jsonrpc: '2.0', result: { sessionId: client.sessionId } });
    const destroyed = await client.waitForEvent((e) => e.params.value.type === 'ObjectDestroyed' && e.params.value.data.objectId === pipeline);
    expect(destroyed.params.value.object).toBe('manager_ServerManager');
    expect(client.events.some((e) => e.params.value.data.objectId === element)).toBe(true);
    expect((await client.request('invoke', { object: element, operation: 'getName' })).error?.code).toBe(40101);
    expect((await client.request('release', { object: pipeline })).error?.code).toBe(40101);
  });
});

describe('transactions', () => {
  it('creates a pipeline and its elements at once through newref', async () => {
    const response = await client.request('transaction', {
      operations: [
        { jsonrpc: '2.0', id: 0, method: 'create', params: { type: 'MediaPipeline', constructorParams: {}, properties: {} } },
        { jsonrpc: '2.0', id: 1, method: 'create', params: { type: 'PassThrough', constructorParams: { mediaPipeline: 'newref:0' }, properties: {} } },
        { jsonrpc: '2.0', id: 2, method: 'invoke', params: { object: 'newref:1', operation: 'getMediaPipeline' } },
      ],
    });
    const [first, second, third] = response.result?.value as { id: number; result: { value: string; sessionId: string } }[];
    expect(first).toEqual({ id: 0, jsonrpc: '2.0', result: { value: expect.stringMatching(PIPELINE_ID), sessionId: client.sessionId } });
    expect(second!.result.value.startsWith(`${first!.result.value}/`)).toBe(true);
    expect(third!.result.value).toBe(first!.result.value);
    await client.call('release', { object: first!.result.value });
  });

  it('stops at the first failing operation', async () => {
    const response = await client.request('transaction', {
      operations: [
        { jsonrpc: '2.0', id: 0, method: 'create', params: { type: 'MediaPipeline' } },
        { jsonrpc: '2.0', id: 1, method: 'create', params: { type: 'Nope', constructorParams: { mediaPipeline: 'newref:0' } } },
        { jsonrpc: '2.0', id: 2, method: 'release', params: { object: 'newref:0' } },
      ],
    });
    const value = response.result?.value as { id: number; error?: { code: number } }[];
    expect(value).toHaveLength(2);
    expect(value[1]).toMatchObject({ id: 1, error: { code: 40108 } });
    await client.call('release', { object: (value[0] as unknown as { result: { value: string } }).result.value });
  });

  it('rejects misnumbered operations, bad newrefs, and newref outside a transaction', async () => {
    const misnumbered = await client.request('transaction', { operations: [{ jsonrpc: '2.0', id: 1, method: 'ping', params: {} }] });
    expect(misnumbered.error).toEqual({ code: 40008, message: "Id of request '0' should be '0'", data: { type: 'MALFORMED_TRANSACTION' } });
    const forward = await client.request('transaction', { operations: [{ jsonrpc: '2.0', id: 0, method: 'release', params: { object: 'newref:3' } }] });
    expect(forward.error?.code).toBe(40008);
    const outside = await client.request('release', { object: 'newref:0' });
    expect(outside.error).toMatchObject({ code: 40109, data: { type: 'MEDIA_OBJECT_NOT_FOUND_TRANSACTION_NO_COMMIT' } });
  });
});

describe('JSON-RPC envelope errors', () => {
  it('answers malformed frames with id null and keeps the socket', async () => {
    client.sendText('{not json');
    expect(await client.nextUnmatched()).toMatchObject({ id: null, jsonrpc: '2.0', error: { code: -32700 } });
    client.sendText('[{"jsonrpc":"2.0","id":1,"method":"ping"}]');
    expect((await client.nextUnmatched()).error?.code).toBe(-32600);
    client.sendText('{"id":5,"method":"ping"}');
    expect((await client.nextUnmatched()).error?.code).toBe(-32600);
    client.sendText('{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}');
    expect((await client.nextUnmatched()).error?.code).toBe(-32600);
    client.sendText('"hello"');
    expect((await client.nextUnmatched()).error?.code).toBe(-32600);
    expect((await client.request('ping', {})).result?.value).toBe('pong');
  });

  it('reports unknown methods and bad params', async () => {
    const unknown = await client.request('explode', {});
    expect(unknown.error).toEqual({ code: -32601, message: "Method not found: 'explode'" });
    const notObject = await client.sendRaw({ jsonrpc: '2.0', id: 'text-id', method: 'create', params: [1, 2] });
    expect(notObject).toMatchObject({ id: 'text-id', error: { code: -32602, data: { type: 'INVALID_PARAMS' } } });
    const noParams = await client.sendRaw({ jsonrpc: '2.0', id: 77, method: 'invoke' });
    expect(noParams.error?.code).toBe(-32602);
  });

  it('answers notifications only when they fail or return a value', async () => {
    client.sendText(JSON.stringify({ jsonrpc: '2.0', method: 'ping', params: null }));
    expect(await client.nextUnmatched()).toMatchObject({ id: null, error: { code: -32000 } });
    client.sendText(JSON.stringify({ jsonrpc: '2.0', method: 'release', params: { object: 'x', sessionId: client.sessionId } }));
    expect(await client.nextUnmatched()).toMatchObject({ id: null, error: { code: 40101 } });
  });
});

describe('transport rules', () => {
  it('closes sockets on any other path with 1002 Invalid path', async () => {
    const socket = new WebSocket(server.url.replace('/kurento', '/other'));
    const [code, reason] = await new Promise<[number, string]>((resolve) => socket.once('close', (c, r) => resolve([c, String(r)])));
    expect([code, reason]).toEqual([1002, 'Invalid path']);
  });

  it('ignores a query string such as access_token', async () => {
    const c = await RawClient.connect(`${server.url}?access_token=abc`);
    expect((await c.request('ping', {})).result?.value).toBe('pong');
    await c.close();
  });

  it('refuses browser pages from other origins and accepts loopback and listed ones', async () => {
    await expect(RawClient.connect(server.url, { origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    const local = await RawClient.connect(server.url, { origin: 'http://localhost:3000' });
    await local.close();
    const listed = await startKurentoServer({ port: 0, allowedOrigins: ['https://app.example'] });
    const ok = await RawClient.connect(listed.url, { origin: 'https://app.example' });
    await ok.close();
    await listed.close();
  });
});
