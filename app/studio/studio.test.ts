import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeDocument } from '../document/serialize.ts';
import type { StudioEvent } from '../rpc/api.ts';
import { RpcClient, messagePortChannel } from '../rpc/client.ts';
import { servePort } from '../rpc/port-transport.ts';
import type { RpcError } from '../rpc/protocol.ts';
import { RpcServer } from '../rpc/server.ts';
import { GraphStore } from '../store/graph-store.ts';
import { builtinTemplates } from '../templates/index.ts';
import { Studio } from './studio.ts';

/** A real Studio on a real (in-memory SQLite) store, reached through the real RPC over a MessagePort. */
function setup() {
  const store = GraphStore.open({ path: ':memory:', templates: builtinTemplates() });
  const studio = new Studio({ store });
  const rpc = new RpcServer(studio.api);
  studio.onEvent((event) => rpc.notify('event', event));
  const { port1, port2 } = new MessageChannel();
  const stopServing = servePort(port1, rpc);
  const client = new RpcClient(messagePortChannel(port2));
  const events: StudioEvent[] = [];
  client.onEvent((event) => events.push(event));
  const close = () => {
    client.close();
    stopServing();
    port1.close();
    studio.close();
    store.close();
  };
  return { store, studio, client, events, close };
}

/** Waits until the event stream holds an event matching `test` (events are asynchronous over a port). */
async function eventually(events: StudioEvent[], test: (e: StudioEvent) => boolean): Promise<StudioEvent> {
  for (let i = 0; i < 200; i++) {
    const found = events.find(test);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no matching event among ${JSON.stringify(events.map((e) => e.kind))}`);
}

describe('Studio', () => {
  let teardown: (() => void) | undefined;
  afterEach(() => teardown?.());

  it('runs a template, reports element states and engine events, and stops it', async () => {
    const { client, events, close } = setup();
    teardown = close;
    const template = await client.call('templates.get', { name: 'Magic Mirror' });
    const run = await client.call('runs.start', { document: template.document });
    expect(run.state).toBe('running');
    expect(Object.keys(run.elements).sort()).toEqual(['faceOverlay', 'webrtc']);
    expect(run.elements.webrtc).toMatch(/_kurento\.WebRtcEndpoint$/);
    expect(await client.call('runs.list', {})).toHaveLength(1);

    await eventually(events, (e) => e.kind === 'run-state' && e.state === 'running');
    await eventually(events, (e) => e.kind === 'element-state' && e.element === 'faceOverlay' && e.state === 'connecting');

    // A live edit through the generic invoke raises a real engine event that reaches the UI.
    await client.call('elements.invoke', { runId: run.runId, element: 'webrtc', method: 'disconnect', args: { sink: run.elements.faceOverlay } });
    const disconnected = await eventually(events, (e) => e.kind === 'media-event' && e.type === 'ElementDisconnected');
    expect(disconnected).toMatchObject({ runId: run.runId, element: 'webrtc', data: { sink: run.elements.faceOverlay, mediaType: expect.any(String) } });

    await client.call('elements.setProperty', { runId: run.runId, element: 'webrtc', property: 'stunServerPort', value: 3478 });
    expect(await client.call('elements.getProperty', { runId: run.runId, element: 'webrtc', property: 'stunServerPort' })).toEqual({ value: 3478 });
    const badValue = await client.call('elements.setProperty', { runId: run.runId, element: 'webrtc', property: 'stunServerPort', value: 'x' }).catch((e: RpcError) => e);
    expect(badValue).toMatchObject({ data: { type: 'MARSHALL_ERROR' } });

    await client.call('runs.stop', { runId: run.runId });
    await eventually(events, (e) => e.kind === 'run-state' && e.state === 'stopped');
    await eventually(events, (e) => e.kind === 'element-state' && e.element === 'webrtc' && e.state === 'idle');
    expect(await client.call('runs.list', {})).toEqual([]);
    await expect(client.call('runs.stop', { runId: run.runId })).rejects.toMatchObject({ data: { type: 'NOT_FOUND' } });
    expect((await client.call('events.recent', { limit: 3 })).length).toBe(3);
  });

  it("makes a graph's saved calls when it runs, and takes document ids for object arguments", async () => {
    const { client, events, close } = setup();
    teardown = close;
    const { document } = await client.call('templates.get', { name: 'Magic Mirror' });
    const overlay = document.elements.find((e) => e.type === 'FaceOverlayFilter')!;
    overlay.calls = [...(overlay.calls ?? []), { method: 'setOverlayedImage', params: { uri: 'file:///nonexistent/fluo-hat.png', offsetXPercent: 0, offsetYPercent: 0, widthPercent: 1, heightPercent: 1 } }];
    const run = await client.call('runs.start', { document });
    // The template's own hat call succeeds; the broken one marks the node with its reason.
    const failed = await eventually(events, (e) => e.kind === 'element-state' && e.state === 'error');
    expect(failed).toMatchObject({ element: overlay.id, message: expect.stringMatching(/^setOverlayedImage\(\): .*fluo-hat\.png/) });
    await client.call('elements.invoke', { runId: run.runId, element: 'webrtc', method: 'disconnect', args: { sink: 'faceOverlay' } });
    const disconnected = await eventually(events, (e) => e.kind === 'media-event' && e.type === 'ElementDisconnected');
    expect(disconnected).toMatchObject({ data: { sink: run.elements.faceOverlay } });
    await client.call('runs.stop', { runId: run.runId });
  });

  it('points an engine error at the node that raised it', async () => {
    const { client, events, close } = setup();
    teardown = close;
    const { document } = await client.call('templates.get', { name: 'Player' });
    const player = document.elements.find((e) => e.type === 'PlayerEndpoint')!;
    player.params = { ...player.params, uri: 'file:///nonexistent/fluo-missing-clip.webm' };
    const run = await client.call('runs.start', { document });
    const failed = await eventually(events, (e) => e.kind === 'element-state' && e.state === 'error');
    expect(failed).toMatchObject({ runId: run.runId, element: player.id, message: expect.stringContaining('fluo-missing-clip.webm') });
    const error = await eventually(events, (e) => e.kind === 'media-event' && e.type === 'Error');
    expect(error).toMatchObject({ element: player.id, data: { errorCode: 40600, type: 'URI_PATH_FILE_NOT_FOUND' } });
    await client.call('runs.stop', { runId: run.runId });
  });

  it('refuses to run or save an invalid document and lists its problems with JSON paths', async () => {
    const { client, close } = setup();
    teardown = close;
    const template = await client.call('templates.get', { name: 'Magic Mirror' });
    const broken = { ...template.document, connections: [{ from: 'webrtc', to: 'nowhere' }] };
    for (const attempt of [client.call('runs.start', { document: broken }), client.call('graphs.create', { name: 'Broken', document: broken })]) {
      const error = (await attempt.catch((e: unknown) => e)) as RpcError;
      expect(error.data?.type).toBe('INVALID_DOCUMENT');
      expect(error.data?.problems).toEqual([expect.objectContaining({ path: '/connections/0/to' })]);
    }
    expect(await client.call('graphs.list', {})).toEqual([]);
    const imported = await client.call('documents.import', { text: '{"format": "fluo.pipeline",\n "version": 1, "metadata": {"name": "x"}, "elements": [{"id": "a", "type": "Nope"}], "connections": []}' });
    expect(imported.ok).toBe(false);
    if (!imported.ok) expect(imported.problems[0]).toMatchObject({ path: '/elements/0/type', line: 2 });
  });

  it('saves graphs as revisions, restores one, and exports the canonical text', async () => {
    const { client, events, close } = setup();
    teardown = close;
    const { document } = await client.call('templates.get', { name: 'Hello World loopback' });
    const created = await client.call('graphs.create', { name: 'Mine', document, message: 'first' });
    const moved = structuredClone(document);
    moved.elements[0]!.position = { x: 500, y: 20 };
    await client.call('graphs.save', { graph: created.graphId, document: moved, message: 'moved' });
    expect((await client.call('graphs.revisions', { graph: 'Mine' })).map((r) => r.revision)).toEqual([2, 1]);
    const exported = await client.call('graphs.export', { graph: 'Mine' });
    expect(exported.text).toBe(serializeDocument(moved));
    expect((await client.call('documents.export', { document: moved })).text).toBe(exported.text);
    await client.call('graphs.restore', { graph: 'Mine', revision: 1 });
    expect((await client.call('graphs.open', { graph: 'Mine' })).document).toEqual(document);
    await client.call('graphs.rename', { graph: 'Mine', name: 'Ours' });
    await client.call('graphs.duplicate', { graph: 'Ours', name: 'Copy' });
    await client.call('graphs.delete', { graph: 'Ours' });
    expect((await client.call('graphs.list', {})).map((g) => g.name)).toEqual(['Copy']);
    await eventually(events, (e) => e.kind === 'graphs-changed');
    await client.call('drafts.save', { key: 'Copy', document: moved });
    expect(await client.call('drafts.load', { key: 'Copy' })).toMatchObject({ document: moved });
    await client.call('drafts.clear', { key: 'Copy' });
    expect(await client.call('drafts.load', { key: 'Copy' })).toBeNull();
  });

  it('serves palette data generated from the catalog', async () => {
    const { client, close } = setup();
    teardown = close;
    const catalog = await client.call('catalog.get', {});
    const overlay = catalog.elements.find((e) => e.type === 'FaceOverlayFilter');
    expect(overlay).toMatchObject({ category: 'filter', pads: { sources: [{ name: 'default' }], sinks: [{ name: 'default' }] } });
    expect(overlay?.summary.length).toBeGreaterThan(0);
    expect(catalog.elements.some((e) => e.type === 'MediaPipeline' || e.type === 'GStreamerFilter')).toBe(false);
    expect(new Set(catalog.elements.map((e) => e.category))).toEqual(new Set(['endpoint', 'filter', 'hub', 'hubport']));
  });
});
