import { describe, expect, it } from 'vitest';
import '../index.ts';
import { mediaStats } from '../../media/media-stats.ts';
import type { MediaElement } from '../../model/media-element.ts';
import type { MediaObject } from '../../model/media-object.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { until } from '../../webrtc/test-support.ts';
import { yuvOf } from '../test-support.ts';
import { AudioProbe, near, toneLevel, usePipeline, VideoProbe } from './test-support.ts';

const RED = '#ff0000';
const BLUE = '#0000ff';
const centre = (probe: VideoProbe) => probe.mean(0.3, 0.3, 0.4, 0.4);

describe('Dispatcher and DispatcherOneToMany', () => {
  const session = usePipeline();
  const probes = session.probes;

  /** A solid-colour source connected into a new port of the hub. */
  function sourcePort(pipeline: MediaPipeline, hub: MediaObject, color: string, toneFrequency = 0): MediaElement {
    const source = pipeline.create('TestPatternEndpoint', { pattern: 'SOLID_COLOR', color, width: 160, height: 120, framerate: 15, toneFrequency }) as MediaElement;
    const port = pipeline.create('HubPort', { hub }) as MediaElement;
    source.connect(port);
    return port;
  }

  it('DispatcherOneToMany: every other port gets the source through one encoder; setSource switches them all; released viewers leave the rest flowing', async () => {
    const pipeline = session.start();
    const hub = pipeline.create('DispatcherOneToMany');
    const red = sourcePort(pipeline, hub, RED, 700);
    const blue = sourcePort(pipeline, hub, BLUE, 1900);
    const viewers = [0, 1, 2, 3].map(() => pipeline.create('HubPort', { hub }) as MediaElement);
    const encodersBefore = mediaStats.encoders;
    probes.push(...viewers.map((v) => new VideoProbe(v)), new VideoProbe(blue));
    const [v0, v1, v2, v3, onBlue] = probes as [VideoProbe, VideoProbe, VideoProbe, VideoProbe, VideoProbe];

    await hub.invoke('setSource', { source: red.id });
    await until(() => [v0, v1, v2, v3, onBlue].every((p) => near(centre(p), yuvOf(RED))), 'red on every other port', 30_000, 50);
    expect(mediaStats.encoders - encodersBefore).toBe(1);
    // Media flows out of the viewers' ports (published on the hub's shared outlet), not out of the source's.
    expect(viewers.map((v) => v.isMediaFlowingOut('VIDEO'))).toEqual([true, true, true, true]);
    expect(red.isMediaFlowingOut('VIDEO')).toBe(false);
    // Audio follows the source too (encoded once to Opus for every viewer).
    const hears = new AudioProbe(viewers[3]!);
    probes.push(hears);
    await until(() => hears.samples.length > 24_000, 'half a second of the source’s audio', 20_000, 50);
    expect(toneLevel(hears.samples, 700, 4800)).toBeGreaterThan(0.04);
    expect(toneLevel(hears.samples, 1900, 4800)).toBeLessThan(0.006);

    await hub.invoke('setSource', { source: blue.id });
    await until(() => [v0, v1, v2, v3].every((p) => near(centre(p), yuvOf(BLUE))), 'blue on every viewer', 20_000, 50);
    expect(mediaStats.encoders - encodersBefore).toBe(2); // one VP8 and one Opus encoder for all viewers

    // Two viewers leave mid-stream: the others keep receiving, nothing is left behind.
    v1.close();
    v2.close();
    viewers[1]!.release();
    viewers[2]!.release();
    const [f0, f3] = [v0.frames, v3.frames];
    await until(() => v0.frames > f0 + 10 && v3.frames > f3 + 10, 'frames after viewers left', 20_000, 50);

    await hub.invoke('removeSource');
    const stalled = v0.frames;
    await new Promise((r) => setTimeout(r, 500));
    expect(v0.frames - stalled).toBeLessThanOrEqual(2);
    for (const probe of probes.splice(0)) probe.close();
    pipeline.release();
    await until(() => mediaStats.encoders === encodersBefore, 'the shared encoder closed', 5_000, 50);
  }, 90_000);

  it('Dispatcher: connect(source, sink) routes one port to another and switches at run time', async () => {
    const pipeline = session.start();
    const hub = pipeline.create('Dispatcher');
    const red = sourcePort(pipeline, hub, RED);
    const blue = sourcePort(pipeline, hub, BLUE);
    const viewer = pipeline.create('HubPort', { hub }) as MediaElement;
    await hub.invoke('connect', { source: red.id, sink: viewer.id });
    await hub.invoke('connect', { source: blue.id, sink: red.id });
    // Probes attach to the outlet serving the port now (they are not connections, which follow switches).
    const back = new VideoProbe(red);
    let probe = new VideoProbe(viewer);
    probes.push(probe, back);
    await until(() => near(centre(probe), yuvOf(RED)) && near(centre(back), yuvOf(BLUE)), 'red to the viewer, blue to the red port', 30_000, 50);
    await hub.invoke('connect', { source: blue.id, sink: viewer.id });
    probe = new VideoProbe(viewer);
    probes.push(probe);
    await until(() => near(centre(probe), yuvOf(BLUE)), 'blue to the viewer after the switch', 20_000, 50);
    // The source of two routes leaves: its sinks stop, nothing crashes.
    blue.release();
    const frames = probe.frames;
    await new Promise((r) => setTimeout(r, 500));
    expect(probe.frames - frames).toBeLessThanOrEqual(2);
  }, 60_000);
});
