/**
 * `fluo deploy` against a real Fluo Kurento Protocol server on a real socket, checked through
 * the protocol itself (a separate raw client): what exists on the server after the command.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from '../../engine/protocol/raw-client.ts';
import { startKurentoServer, type KurentoServer } from '../../engine/protocol/server.ts';
import { main } from '../cli/main.ts';

let dir: string;
let server: KurentoServer;
let inspector: RawClient;

/** Kurento elements only; the HubPorts come before their Composite on purpose. */
const hubDocument = {
  format: 'fluo.pipeline',
  version: 1,
  metadata: { name: 'Grid to browser' },
  elements: [
    { id: 'in-port', type: 'HubPort', params: { hub: 'grid' } },
    { id: 'out-port', type: 'HubPort', params: { hub: 'grid' } },
    { id: 'player', type: 'PlayerEndpoint', params: { uri: 'file:///tmp/nowhere.webm' }, calls: [{ method: 'addTag', params: { key: 'deployed-by', value: 'fluo' } }] },
    { id: 'grid', type: 'Composite' },
    { id: 'browser', type: 'WebRtcEndpoint', properties: { maxVideoSendBandwidth: 700 } },
  ],
  connections: [
    { from: 'player', to: 'in-port' },
    { from: 'out-port', to: 'browser', mediaType: 'VIDEO' },
  ],
};

const fluoOnlyDocument = {
  format: 'fluo.pipeline',
  version: 1,
  metadata: { name: 'Pattern' },
  elements: [
    { id: 'pattern', type: 'TestPatternEndpoint' },
    { id: 'blur', type: 'FaceBlurFilter' },
    { id: 'rec', type: 'RecorderEndpoint', params: { uri: 'file:///tmp/x.webm' } },
  ],
  connections: [
    { from: 'pattern', to: 'blur' },
    { from: 'blur', to: 'rec' },
  ],
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function fluo(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: process.env, cwd: dir, readStdin: () => '' };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

async function call(object: string, operation: string, operationParams: Record<string, unknown> = {}): Promise<unknown> {
  return inspector.call('invoke', { object, operation, operationParams });
}

const pipelinesOn = (client: RawClient): Promise<unknown> => client.call('invoke', { object: 'manager_ServerManager', operation: 'getPipelines' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fluo-deploy-'));
  writeFileSync(join(dir, 'hub.json'), JSON.stringify(hubDocument));
  writeFileSync(join(dir, 'fluo-only.json'), JSON.stringify(fluoOnlyDocument));
  writeFileSync(join(dir, 'invalid.json'), JSON.stringify({ ...hubDocument, connections: [{ from: 'player', to: 'ghost' }] }));
  server = await startKurentoServer({ port: 0 });
  inspector = await RawClient.connect(server.url);
});

afterAll(async () => {
  await inspector.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('fluo deploy', () => {
  it('builds the document on the server: element types, names, properties and connections, read back through the protocol', async () => {
    const run = await fluo(['deploy', 'hub.json', '--kms', server.url, '--json']);
    expect(run.stderr).toMatch(/session grace period/);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { pipelineId: string; sessionId: string; elements: { id: string; type: string; objectId: string }[] };
    expect(result.elements.map((e) => [e.id, e.type])).toEqual(hubDocument.elements.map((e) => [e.id, e.type]));
    const ids = Object.fromEntries(result.elements.map((e) => [e.id, e.objectId]));

    // The command has exited; the pipeline is still there, as Kurento keeps a session's objects for its grace period.
    expect(await pipelinesOn(inspector)).toContain(result.pipelineId);
    expect(await call(result.pipelineId, 'getName')).toBe('Grid to browser');
    expect(new Set(await call(result.pipelineId, 'getChildren') as string[])).toEqual(new Set([ids.player, ids.grid, ids.browser]));
    expect(new Set(await call(ids.grid!, 'getChildren') as string[])).toEqual(new Set([ids['in-port'], ids['out-port']]));
    for (const element of result.elements) {
      expect((await inspector.request('describe', { object: element.objectId })).result?.type).toBe(element.type);
      expect(await call(element.objectId, 'getName')).toBe(element.id);
    }
    expect(await call(ids.browser!, 'getMaxVideoSendBandwidth')).toBe(700);
    expect(await call(ids.player!, 'getTag', { key: 'deployed-by' })).toBe('fluo');
    const fromPlayer = (await call(ids.player!, 'getSinkConnections')) as { sink: string; type: string }[];
    expect(fromPlayer.map((c) => [c.sink, c.type]).sort()).toEqual([
      [ids['in-port'], 'AUDIO'],
      [ids['in-port'], 'VIDEO'],
    ]);
    const fromPort = (await call(ids['out-port']!, 'getSinkConnections')) as { sink: string; type: string }[];
    expect(fromPort.map((c) => [c.sink, c.type])).toEqual([[ids.browser, 'VIDEO']]);
    await inspector.call('release', { object: result.pipelineId });
  });

  it('prints the pipeline and a table of element ids', async () => {
    const run = await fluo(['deploy', 'hub.json', '--kms', server.url]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`Deployed "Grid to browser" to ${server.url}`);
    const pipelineId = /^Pipeline (\S+_kurento\.MediaPipeline)$/.exec(lines[1]!)![1]!;
    expect(lines[2]).toMatch(/^ELEMENT\s+TYPE\s+OBJECT ID$/);
    expect(lines.slice(3, 8).map((l) => l.split(/\s+/).slice(0, 2))).toEqual(hubDocument.elements.map((e) => [e.id, e.type]));
    expect(lines[3]).toContain(`${pipelineId}/`);
    expect(lines[8]).toMatch(/^2 connections; session [0-9a-f-]{36}$/);
    await inspector.call('release', { object: pipelineId });
  });

  it('refuses Fluo-only elements, naming each, before contacting the server', async () => {
    const before = server.stats();
    const run = await fluo(['deploy', 'fluo-only.json', '--kms', server.url]);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'fluo deploy: fluo-only.json uses elements only Fluo has, which a Kurento Media Server cannot create:\n' +
        '  pattern (TestPatternEndpoint)\n' +
        '  blur (FaceBlurFilter)\n' +
        'Replace them with Kurento elements (e.g. a PlayerEndpoint for a test source) or run the document with `fluo run`. Nothing was deployed.\n',
    });
    expect(server.stats()).toEqual(before);
    expect(await pipelinesOn(inspector)).toEqual([]);
  });

  it('releases the half-built pipeline when the server fails a step', async () => {
    const strict = await startKurentoServer({ port: 0, maxObjectsPerSession: 3 });
    const check = await RawClient.connect(strict.url);
    try {
      const run = await fluo(['deploy', 'hub.json', '--kms', strict.url]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^fluo deploy: creating '\S+' \(\w+\): create: Session \S+ already holds 3 objects \(limit 3\) \(NOT_ENOUGH_RESOURCES, code 40009\)\n/);
      expect(run.stderr).toMatch(/The half-built pipeline \S+_kurento\.MediaPipeline was released; nothing was left on the server\.\n$/);
      expect(await pipelinesOn(check)).toEqual([]);
    } finally {
      await check.close();
      await strict.close();
    }
  });

  it('outlives the command for the grace period; an application that takes the objects over by id keeps them', async () => {
    const short = await startKurentoServer({ port: 0, sessionGraceMs: 1500 });
    const app = await RawClient.connect(short.url);
    try {
      const deploy = async () => JSON.parse((await fluo(['deploy', 'hub.json', '--kms', short.url, '--json'])).stdout) as { pipelineId: string; elements: { objectId: string }[] };
      const adopted = await deploy();
      const abandoned = await deploy();
      // What kurento-client's getMediaobjectById does: a describe, which makes the caller's session a co-owner.
      for (const id of [adopted.pipelineId, ...adopted.elements.map((e) => e.objectId)]) expect((await app.request('describe', { object: id })).error).toBeUndefined();
      while (((await pipelinesOn(app)) as string[]).includes(abandoned.pipelineId)) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await pipelinesOn(app)).toEqual([adopted.pipelineId]);
      for (const { objectId } of adopted.elements) expect((await app.request('describe', { object: objectId })).error).toBeUndefined();
    } finally {
      await app.close();
      await short.close();
    }
  }, 30_000);

  it('keeps the session with --keep-alive, rejoining it after a network cut, until SIGINT, then releases the pipeline', async () => {
    const bin = fileURLToPath(new URL('../../bin/fluo.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'deploy', 'hub.json', '--kms', server.url, '--json', '--keep-alive'], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    const exited = new Promise<string>((resolve) => child.on('close', (code, signal) => resolve(`${code} ${signal}`)));
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (d) => {
        stderr += String(d);
        if (stderr.includes('Keeping the session alive')) resolve();
      }),
    );
    const { pipelineId } = JSON.parse(stdout) as { pipelineId: string };
    expect(await pipelinesOn(inspector)).toContain(pipelineId);
    // A network cut: the command rejoins its session, which still holds the pipeline.
    const rejoined = new Promise<void>((resolve) => child.stderr.on('data', () => stderr.includes('Rejoined session') && resolve()));
    server.dropConnections();
    await inspector.close();
    inspector = await RawClient.connect(server.url);
    await rejoined;
    expect(stderr).toContain(`Lost the connection to ${server.url}; reconnecting to session `);
    expect(await pipelinesOn(inspector)).toContain(pipelineId);
    child.kill('SIGINT');
    expect(await exited).toBe('0 null');
    expect(stderr).toContain(`SIGINT: released pipeline ${pipelineId}\n`);
    expect(await pipelinesOn(inspector)).not.toContain(pipelineId);
  }, 30_000);
});

describe('fluo deploy: usage and unreachable servers', () => {
  let silent: Server;
  let silentPort: number;

  beforeAll(async () => {
    // Reads what it is sent and never answers: a server that hangs.
    silent = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => silent.close(resolve));
  });

  it('exits 2 without --kms or with a URL that is not ws:// or wss://', async () => {
    expect(await fluo(['deploy', 'hub.json'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^fluo deploy: missing --kms URL/) as unknown });
    expect(await fluo(['deploy', 'hub.json', '--kms', 'http://127.0.0.1:8888/kurento'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^fluo deploy: --kms must be a ws:\/\/ or wss:\/\/ URL/) as unknown });
    expect(await fluo(['deploy', 'hub.json', '--kms', 'nowhere'])).toMatchObject({ code: 2 });
    expect(await fluo(['deploy', 'hub.json', '--kms', server.url, '--timeout', 'soon'])).toMatchObject({ code: 2 });
    expect(await fluo(['deploy', '--kms', server.url])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^fluo deploy: missing FILE/) as unknown });
  });

  it('exits 1 with the problems of an invalid document, before contacting the server', async () => {
    const before = server.stats();
    const run = await fluo(['deploy', 'invalid.json', '--kms', server.url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("/connections/0/to (1:");
    expect(run.stderr).toMatch(/invalid\.json: not a valid pipeline document \(1 problem\)\nNothing was deployed\.\n$/);
    expect(server.stats()).toEqual(before);
  });

  it('exits 1 when nothing listens at the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await fluo(['deploy', 'hub.json', '--kms', `ws://127.0.0.1:${port}/kurento`])).toEqual({
      code: 1,
      stdout: '',
      stderr: `fluo deploy: cannot reach a Kurento Protocol server at ws://127.0.0.1:${port}/kurento: connection refused\n`,
    });
  });

  it('gives up after --timeout on a server that never answers', async () => {
    expect(await fluo(['deploy', 'hub.json', '--kms', `ws://127.0.0.1:${silentPort}/kurento`, '--timeout', '0.5'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `fluo deploy: cannot reach a Kurento Protocol server at ws://127.0.0.1:${silentPort}/kurento: no answer within 0.5 s\n`,
    });
  });

  it('says so when the URL is a web server but no WebSocket endpoint', async () => {
    const web = createHttpServer((_request, response) => response.writeHead(404).end());
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(web.address() as { port: number }).port}/kurento`;
    try {
      expect((await fluo(['deploy', 'hub.json', '--kms', url])).stderr).toBe(
        `fluo deploy: cannot reach a Kurento Protocol server at ${url}: HTTP 404 instead of a WebSocket (is the path right, e.g. /kurento?)\n`,
      );
    } finally {
      web.closeAllConnections();
      await new Promise((resolve) => web.close(resolve));
    }
  });

  it('says why when the server closes the socket (a wrong path)', async () => {
    const wrongPath = server.url.replace('/kurento', '/other');
    expect(await fluo(['deploy', 'hub.json', '--kms', wrongPath])).toEqual({
      code: 1,
      stdout: '',
      stderr: `fluo deploy: cannot reach a Kurento Protocol server at ${wrongPath}: the server closed the connection (1002 Invalid path)\n`,
    });
  });
});
