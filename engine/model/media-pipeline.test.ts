import { describe, expect, it } from 'vitest';
import { Hub } from './hub.ts';
import { HubPort } from './hub-port.ts';
import type { MediaElement } from './media-element.ts';
import { MediaPipeline } from './media-pipeline.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe('ids', () => {
  it('follow Kurento: <uuid>_kurento.MediaPipeline and <pipelineId>/<uuid>_kurento.<Type>', () => {
    const pipeline = new MediaPipeline();
    const element = pipeline.create('WebRtcEndpoint');
    expect(pipeline.id).toMatch(new RegExp(`^${UUID}_kurento\\.MediaPipeline$`));
    expect(element.id).toMatch(new RegExp(`^${pipeline.id}/${UUID}_kurento\\.WebRtcEndpoint$`));
    expect(pipeline.resolve(element.id)).toBe(element);
  });

  it("nest a HubPort under its hub, and mark Fluo's own types with their module", () => {
    const pipeline = new MediaPipeline();
    const hub = pipeline.create('Composite');
    const port = pipeline.create('HubPort', { hub: hub.id });
    expect(port.id).toMatch(new RegExp(`^${hub.id}/${UUID}_kurento\\.HubPort$`));
    expect(pipeline.create('TestPatternEndpoint').id).toMatch(new RegExp(`^${pipeline.id}/${UUID}_fluo\\.TestPatternEndpoint$`));
  });
});

describe('MediaPipeline.create', () => {
  it('refuses unknown and abstract types with a suggestion', () => {
    const pipeline = new MediaPipeline();
    expect(() => pipeline.create('WebRtcEndpont')).toThrow(/Unknown element type 'WebRtcEndpont' \(did you mean 'WebRtcEndpoint'\?\)/);
    expect(() => pipeline.create('Filter')).toThrow(/Unknown element type 'Filter'/);
  });

  it('checks constructor params against the catalog', () => {
    const pipeline = new MediaPipeline();
    expect(() => pipeline.create('PlayerEndpoint', {})).toThrow(/needs 'uri'/);
    expect(() => pipeline.create('Composite', { width: 'wide' })).toThrow(/'width' must be an integer/);
    expect(() => pipeline.create('Composite', { colour: 1 })).toThrow(/has no 'colour'/);
    expect(pipeline.elements).toHaveLength(0);
  });

  it('final properties take their constructor param', () => {
    const pipeline = new MediaPipeline();
    const player = pipeline.create('PlayerEndpoint', { uri: 'file:///a.webm' });
    expect(player.getProperty('uri')).toBe('file:///a.webm');
    expect(() => player.setProperty('uri', 'file:///b.webm')).toThrow(/read-only/);
  });

  it('properties are checked on set', () => {
    const pipeline = new MediaPipeline();
    const webrtc = pipeline.create('WebRtcEndpoint');
    webrtc.setProperty('maxVideoSendBandwidth', 700);
    expect(webrtc.getProperty('maxVideoSendBandwidth')).toBe(700);
    expect(() => webrtc.setProperty('maxVideoSendBandwidth', 'fast')).toThrow(/must be an integer/);
    expect(() => webrtc.getProperty('colour')).toThrow(/has no property 'colour'/);
    webrtc.setProperty('name', 'caller');
    expect(webrtc.getProperty('name')).toBe('caller');
  });
});

describe('invoke', () => {
  it('calls catalog methods with arguments by name, resolving object ids', async () => {
    const pipeline = new MediaPipeline();
    const a = pipeline.create('PassThrough') as MediaElement;
    const b = pipeline.create('PassThrough') as MediaElement;
    await a.invoke('connect', { sink: b.id, mediaType: 'VIDEO' });
    expect(await b.invoke('getSourceConnections')).toEqual([
      { source: a.id, sink: b.id, type: 'VIDEO', sourceDescription: 'default', sinkDescription: 'default' },
    ]);
    await a.invoke('addTag', { key: 'k', value: 'v' });
    expect(await a.invoke('getTags')).toEqual([{ key: 'k', value: 'v' }]);
  });

  it('reports unknown methods, unknown and missing arguments, wrong types', async () => {
    const pipeline = new MediaPipeline();
    const a = pipeline.create('PassThrough');
    await expect(a.invoke('fly')).rejects.toThrow(/has no method 'fly'/);
    await expect(a.invoke('connect', {})).rejects.toThrow(/missing argument 'sink'/);
    await expect(a.invoke('connect', { sink: a.id, speed: 1 })).rejects.toThrow(/unknown argument 'speed'/);
    await expect(a.invoke('connect', { sink: a.id, mediaType: 'SMELL' })).rejects.toThrow(/'mediaType' must be one of 'AUDIO', 'DATA', 'VIDEO'/);
    await expect(a.invoke('connect', { sink: 'nope' })).rejects.toThrow(/Object 'nope' not found/);
    await expect(a.invoke('getTag', { key: 'x' })).rejects.toMatchObject({ code: 40110 });
  });
});

describe('hubs', () => {
  it('HubPorts belong to their hub, which belongs to the pipeline', () => {
    const pipeline = new MediaPipeline();
    const composite = pipeline.create('Composite') as Hub;
    const port = pipeline.create('HubPort', { hub: composite.id }) as HubPort;
    expect(composite).toBeInstanceOf(Hub);
    expect(port).toBeInstanceOf(HubPort);
    expect(port.hub).toBe(composite);
    expect(composite.ports).toEqual([port]);
    expect(port.getProperty('parent')).toBe(composite.id);
    expect(pipeline.getProperty('children')).toContain(composite.id);
    expect(() => pipeline.create('HubPort', {})).toThrow(/'hub' must name a hub/);
    expect(() => pipeline.create('HubPort', { hub: port.id })).toThrow(/is a HubPort, not a Hub/);
  });

  it('hub ports carry media like any element', () => {
    const pipeline = new MediaPipeline();
    const hub = pipeline.create('Composite') as Hub;
    const webrtc = pipeline.create('WebRtcEndpoint') as MediaElement;
    const port = pipeline.create('HubPort', { hub }) as HubPort;
    webrtc.connect(port);
    port.connect(webrtc);
    expect(port.getSourceConnections().map((c) => c.type).sort()).toEqual(['AUDIO', 'VIDEO']);
  });
});

describe('release', () => {
  it('cascades from the pipeline to every element, hub and port, leaving nothing behind', () => {
    const pipeline = new MediaPipeline();
    const source = pipeline.create('TestPatternEndpoint') as MediaElement;
    const filter = pipeline.create('FaceOverlayFilter') as MediaElement;
    const hub = pipeline.create('Composite') as Hub;
    const port = pipeline.create('HubPort', { hub: hub.id }) as HubPort;
    source.connect(filter);
    filter.connect(port);
    const objects = [pipeline, source, filter, hub, port];
    for (const o of objects) o.on('Error', () => {});
    const before = process.getActiveResourcesInfo().length;

    pipeline.release();

    for (const o of objects) {
      expect(o.released).toBe(true);
      expect(o.listenerCount()).toBe(0);
    }
    expect(pipeline.elements).toEqual([]);
    expect(pipeline.connections).toEqual([]);
    expect(pipeline.children).toEqual([]);
    expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(before);
    expect(() => pipeline.create('PassThrough')).toThrow(/has been released/);
    expect(() => pipeline.resolve(source.id)).toThrow(/has been released|not found/);
  });

  it('releasing an element disconnects it from its peers and removes it from the pipeline', () => {
    const pipeline = new MediaPipeline();
    const a = pipeline.create('PassThrough') as MediaElement;
    const b = pipeline.create('PassThrough') as MediaElement;
    const c = pipeline.create('PassThrough') as MediaElement;
    a.connect(b);
    b.connect(c);
    const disconnected: unknown[] = [];
    a.on('ElementDisconnected', (e) => disconnected.push(e.mediaType));
    b.release();
    expect(disconnected.sort()).toEqual(['AUDIO', 'DATA', 'VIDEO']);
    expect(a.getSinkConnections()).toEqual([]);
    expect(c.getSourceConnections()).toEqual([]);
    expect(() => pipeline.resolve(b.id)).toThrow(/not found/);
    expect(pipeline.elements).toEqual([a, c]);
  });

  it('releasing a hub releases its ports', () => {
    const pipeline = new MediaPipeline();
    const hub = pipeline.create('DispatcherOneToMany') as Hub;
    const ports = [0, 1, 2].map(() => pipeline.create('HubPort', { hub: hub.id }));
    hub.release();
    expect(ports.every((p) => p.released)).toBe(true);
    expect(pipeline.elements).toEqual([]);
  });

  it('events raised during release reach listeners; none after', () => {
    const pipeline = new MediaPipeline();
    const a = pipeline.create('PassThrough') as MediaElement;
    let count = 0;
    a.on('Error', () => count++);
    a.release();
    a.emitError('late', 1, 'X');
    expect(count).toBe(0);
  });
});
