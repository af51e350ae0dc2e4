import { describe, expect, it } from 'vitest';
import { MediaError } from '../errors.ts';
import type { MediaElement } from './media-element.ts';
import type { MediaEvent } from './media-object.ts';
import { MediaPipeline } from './media-pipeline.ts';

function setUp() {
  const pipeline = new MediaPipeline();
  const player = pipeline.create('PlayerEndpoint', { uri: 'file:///tmp/in.webm' }) as MediaElement;
  const filter = pipeline.create('FaceOverlayFilter') as MediaElement;
  const recorder = pipeline.create('RecorderEndpoint', { uri: 'file:///tmp/out.webm' }) as MediaElement;
  const webrtc = pipeline.create('WebRtcEndpoint') as MediaElement;
  return { pipeline, player, filter, recorder, webrtc };
}

function record(element: MediaElement, type: string): MediaEvent[] {
  const seen: MediaEvent[] = [];
  element.on(type, (event) => seen.push(event));
  return seen;
}

describe('MediaElement.connect', () => {
  it('connects every media type both pads carry when no type is given', () => {
    const { player, filter } = setUp();
    const events = record(player, 'ElementConnected');
    player.connect(filter);
    expect(player.getSinkConnections().map((c) => c.type).sort()).toEqual(['AUDIO', 'VIDEO']);
    expect(filter.getSourceConnections().map((c) => c.source)).toEqual([player.id, player.id]);
    expect(events.map((e) => [e.mediaType, e.sink, e.source])).toEqual([
      ['AUDIO', filter.id, player.id],
      ['VIDEO', filter.id, player.id],
    ]);
  });

  it('connects a single media type and filters connections by type', () => {
    const { player, recorder } = setUp();
    player.connect(recorder, 'VIDEO');
    expect(recorder.getSourceConnections('VIDEO')).toHaveLength(1);
    expect(recorder.getSourceConnections('AUDIO')).toHaveLength(0);
    expect(player.getSinkConnections('VIDEO', 'default')[0]).toMatchObject({ sink: recorder.id, type: 'VIDEO' });
  });

  it('WebRTC loopback: an endpoint may feed itself (Kurento Hello World)', () => {
    const { webrtc } = setUp();
    webrtc.connect(webrtc);
    expect(webrtc.getSinkConnections().map((c) => c.type).sort()).toEqual(['AUDIO', 'DATA', 'VIDEO']);
  });

  it('refuses a media type the source does not produce or the sink does not accept', () => {
    const { player, recorder, webrtc } = setUp();
    expect(() => player.connect(webrtc, 'DATA')).toThrow(/PlayerEndpoint .* produces no DATA/);
    expect(() => webrtc.connect(recorder, 'DATA')).toThrow(/RecorderEndpoint .* accepts no DATA/);
    expect(() => recorder.connect(player)).toThrow(MediaError);
    expect(() => player.connect(recorder, 'VIDEO', 'nope')).toThrow(/pad 'nope'/);
  });

  it('a sink pad keeps one source per media type: a new source replaces the old one', () => {
    const { pipeline, player, recorder } = setUp();
    const other = pipeline.create('TestPatternEndpoint') as MediaElement;
    const disconnected = record(player, 'ElementDisconnected');
    player.connect(recorder, 'VIDEO');
    other.connect(recorder, 'VIDEO');
    expect(recorder.getSourceConnections('VIDEO').map((c) => c.source)).toEqual([other.id]);
    expect(player.getSinkConnections()).toEqual([]);
    expect(disconnected).toHaveLength(1);
    expect(disconnected[0]).toMatchObject({ mediaType: 'VIDEO', sink: recorder.id });
  });

  it('connecting twice is a no-op', () => {
    const { player, recorder } = setUp();
    const events = record(player, 'ElementConnected');
    player.connect(recorder, 'VIDEO');
    player.connect(recorder, 'VIDEO');
    expect(events).toHaveLength(1);
    expect(recorder.getSourceConnections()).toHaveLength(1);
  });

  it('refuses elements of another pipeline', () => {
    const { player } = setUp();
    const foreign = new MediaPipeline().create('RecorderEndpoint', { uri: 'file:///tmp/x.webm' }) as MediaElement;
    expect(() => player.connect(foreign)).toThrow(/different pipelines/);
  });
});

describe('MediaElement.disconnect', () => {
  it('removes one media type and raises ElementDisconnected', () => {
    const { player, filter } = setUp();
    player.connect(filter);
    const events = record(player, 'ElementDisconnected');
    player.disconnect(filter, 'AUDIO');
    expect(player.getSinkConnections().map((c) => c.type)).toEqual(['VIDEO']);
    expect(events.map((e) => e.mediaType)).toEqual(['AUDIO']);
    player.disconnect(filter);
    expect(filter.getSourceConnections()).toEqual([]);
  });

  it('disconnecting what is not connected is an error naming both elements', () => {
    const { player, filter } = setUp();
    expect(() => player.disconnect(filter, 'VIDEO')).toThrow(/PlayerEndpoint .* is not connected to FaceOverlayFilter .* for VIDEO/);
  });
});

describe('media flow events', () => {
  it('MediaFlowIn/OutStateChanged fire on a change of state only', () => {
    const { filter } = setUp();
    const flowIn = record(filter, 'MediaFlowInStateChanged');
    const flowOut = record(filter, 'MediaFlowOutStateChanged');
    filter.setMediaFlow('in', 'VIDEO', true);
    filter.setMediaFlow('in', 'VIDEO', true);
    filter.setMediaFlow('out', 'VIDEO', true);
    filter.setMediaFlow('in', 'VIDEO', false);
    expect(flowIn.map((e) => e.state)).toEqual(['FLOWING', 'NOT_FLOWING']);
    expect(flowOut.map((e) => [e.state, e.mediaType, e.padName])).toEqual([['FLOWING', 'VIDEO', 'default']]);
    expect(filter.isMediaFlowingOut('VIDEO')).toBe(true);
    expect(filter.isMediaFlowingIn('VIDEO')).toBe(false);
  });

  it('Error events carry Kurento fields, the error kind in `type` as on the wire', () => {
    const { recorder } = setUp();
    const errors = record(recorder, 'Error');
    const names: string[] = [];
    recorder.on('*', (_event, name) => names.push(name));
    recorder.emitError('cannot open /x', 6, 'RESOURCE_ERROR_OPEN');
    expect(errors[0]).toMatchObject({ type: 'RESOURCE_ERROR_OPEN', source: recorder.id, description: 'cannot open /x', errorCode: 6 });
    expect(names).toEqual(['Error']);
    expect(Number(errors[0]!.timestampMillis)).toBeGreaterThan(0);
  });

  it('an unknown event name is refused', () => {
    const { player } = setUp();
    expect(() => player.on('CodeFound', () => {})).toThrow(/has no event 'CodeFound'/);
  });
});
