/**
 * The hand-over `fluo deploy` documents: an application using the official kurento-client takes
 * the deployed objects over by id (getMediaobjectById) and keeps them after the deploying
 * session is gone.
 */
import kurentoClient, { type KurentoClient, type RemoteObject } from 'kurento-client';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startKurentoServer, type KurentoServer } from '../../engine/protocol/server.ts';
import { main } from '../cli/main.ts';

let dir: string;
let server: KurentoServer;
let client: KurentoClient;

const document = {
  format: 'fluo.pipeline',
  version: 1,
  metadata: { name: 'Player to browser' },
  elements: [
    { id: 'player', type: 'PlayerEndpoint', params: { uri: 'file:///tmp/nowhere.webm' } },
    { id: 'browser', type: 'WebRtcEndpoint', properties: { maxVideoSendBandwidth: 700 } },
  ],
  connections: [{ from: 'player', to: 'browser' }],
};

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {}); // the client logs its pings
  dir = mkdtempSync(join(tmpdir(), 'fluo-handoff-'));
  writeFileSync(join(dir, 'player.json'), JSON.stringify(document));
  server = await startKurentoServer({ port: 0, sessionGraceMs: 1000 });
  client = await kurentoClient(server.url, { failAfter: 3 });
});

afterAll(async () => {
  client?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

async function invoke<T>(object: RemoteObject, operation: string): Promise<T> {
  return (await (object[operation] as () => Promise<T>).call(object)) as T;
}

it('kurento-client takes a deployed pipeline over by id and keeps it after the deploying session is dropped', async () => {
  let stdout = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: () => undefined, env: process.env, cwd: dir, readStdin: () => '' };
  expect(await main(['deploy', 'player.json', '--kms', server.url, '--json'], io)).toBe(0);
  const deployed = JSON.parse(stdout) as { pipelineId: string; sessionId: string; elements: { id: string; objectId: string }[] };
  const ids = Object.fromEntries(deployed.elements.map((e) => [e.id, e.objectId]));

  const pipeline = (await client.getMediaobjectById(deployed.pipelineId)) as RemoteObject;
  const player = (await client.getMediaobjectById(ids.player!)) as RemoteObject;
  const browser = (await client.getMediaobjectById(ids.browser!)) as RemoteObject;
  // The deploying session's grace period runs out; what the application holds stays.
  while (server.stats().sessions > 1) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await invoke<string>(pipeline, 'getName')).toBe('Player to browser');
  expect(new Set((await invoke<RemoteObject[]>(pipeline, 'getChildren')).map((c) => c.id))).toEqual(new Set([ids.player, ids.browser]));
  expect(await invoke<string>(player, 'getUri')).toBe('file:///tmp/nowhere.webm');
  expect(await invoke<number>(browser, 'getMaxVideoSendBandwidth')).toBe(700);
  // kurento-client leaves the ids inside ElementConnectionData as strings.
  const connections = await invoke<{ sink: string; type: string }[]>(player, 'getSinkConnections');
  expect(connections.map((c) => [c.sink, c.type]).sort()).toEqual([
    [ids.browser, 'AUDIO'],
    [ids.browser, 'VIDEO'],
  ]);
  await invoke(pipeline, 'release');
}, 30_000);
