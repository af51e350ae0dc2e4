import { describe, expect, it } from 'vitest';
import '../index.ts';
import type { MediaElement } from '../../model/media-element.ts';
import { until } from '../../webrtc/test-support.ts';
import { yuvOf } from '../test-support.ts';
import { AudioProbe, near, toneLevel, usePipeline, VideoProbe } from './test-support.ts';

// A partner's tone counts as heard above 0.02: on a loaded 2-core machine some mix periods
// go out before a partner's samples arrive, which lowered a 0.05 level to 0.025 (seen at
// load 6.5). A port's own tone stays below 0.006: the 3x gap still separates them.
const HEARD = 0.02;
const SILENT = 0.006;

describe('AlphaBlending and Mixer', () => {
  const session = usePipeline();
  const probes = session.probes;

  it('AlphaBlending: a port placed at (0.7, 0.7) with 0.25 size appears there over the master picture', async () => {
    const pipeline = session.start();
    const hub = pipeline.create('AlphaBlending');
    const make = (color: string, width: number, height: number): MediaElement => {
      const source = pipeline.create('TestPatternEndpoint', { pattern: 'SOLID_COLOR', color, width, height, framerate: 15, toneFrequency: 0 }) as MediaElement;
      const port = pipeline.create('HubPort', { hub }) as MediaElement;
      source.connect(port);
      return port;
    };
    const master = make('#ff0000', 320, 240);
    const small = make('#0000ff', 160, 120);
    await hub.invoke('setMaster', { source: master.id, zOrder: 0 });
    await hub.invoke('setPortProperties', { relativeX: 0.7, relativeY: 0.7, zOrder: 1, relativeWidth: 0.25, relativeHeight: 0.25, port: small.id });
    const probe = new VideoProbe(small);
    probes.push(probe);
    const red = yuvOf('#ff0000');
    const blue = yuvOf('#0000ff');
    await until(
      () =>
        near(probe.mean(0.73, 0.73, 0.19, 0.19), blue) &&
        near(probe.mean(0.05, 0.05, 0.6, 0.6), red) &&
        near(probe.mean(0.72, 0.5, 0.2, 0.15), red) &&
        near(probe.mean(0.5, 0.72, 0.15, 0.2), red) &&
        near(probe.mean(0.97, 0.97, 0.02, 0.02), red),
      'blue in the lower-right box over red',
      30_000,
      50,
    );
    expect({ width: probe.width, height: probe.height }).toEqual({ width: 320, height: 240 });
  }, 60_000);

  it('Mixer: each port hears the two other tones and not its own, video is routed port to port, a port released mid-stream leaves the others flowing', async () => {
    const pipeline = session.start();
    const hub = pipeline.create('Mixer');
    const tones = [440, 1000, 2500];
    const colours = ['#ff0000', '#00c000', '#0000ff'];
    const ports = tones.map((toneFrequency, i) => {
      const source = pipeline.create('TestPatternEndpoint', { pattern: 'SOLID_COLOR', color: colours[i], width: 64, height: 48, framerate: 5, toneFrequency }) as MediaElement;
      const port = pipeline.create('HubPort', { hub }) as MediaElement;
      source.connect(port);
      return port;
    });
    const audio = ports.map((port) => new AudioProbe(port));
    probes.push(...audio);
    await until(() => audio.every((a) => a.samples.length > 48_000), 'a second of mix on every port', 30_000, 100);
    audio.forEach((probe, i) =>
      tones.forEach((tone, j) => {
        const level = toneLevel(probe.samples, tone);
        if (i === j) expect(level, `port ${i} hears its own ${tone} Hz`).toBeLessThan(SILENT);
        else expect(level, `port ${i} hears ${tone} Hz`).toBeGreaterThan(HEARD);
      }),
    );

    // Video is routed, not mixed: the third port's picture goes to the first.
    await hub.invoke('connect', { media: 'VIDEO', source: ports[2]!.id, sink: ports[0]!.id });
    const video = new VideoProbe(ports[0]!);
    probes.push(video);
    await until(() => near(video.mean(0.2, 0.2, 0.6, 0.6), yuvOf(colours[2]!)), 'the third port’s video on the first', 20_000, 50);

    // connect('AUDIO') narrows what a port hears: the first port hears only the third, then everyone again.
    await hub.invoke('connect', { media: 'AUDIO', source: ports[2]!.id, sink: ports[0]!.id });
    let from = audio[0]!.samples.length;
    await until(() => audio[0]!.samples.length > from + 14_400, 'mix after connect', 20_000, 50);
    expect(toneLevel(audio[0]!.samples, 2500, 4800)).toBeGreaterThan(HEARD);
    expect(toneLevel(audio[0]!.samples, 1000, 4800)).toBeLessThan(SILENT);
    await hub.invoke('disconnect', { media: 'AUDIO', source: ports[2]!.id, sink: ports[0]!.id });
    from = audio[0]!.samples.length;
    await until(() => audio[0]!.samples.length > from + 14_400, 'mix after disconnect', 20_000, 50);
    expect(toneLevel(audio[0]!.samples, 1000, 4800)).toBeGreaterThan(HEARD);

    // The third port leaves: the first two keep flowing and now hear only each other.
    audio[2]!.close();
    ports[2]!.release();
    const heard = audio[0]!.samples.length;
    await until(() => audio[0]!.samples.length > heard + 24_000 && audio[1]!.samples.length > heard + 24_000, 'mix after a port left', 20_000, 100);
    expect(toneLevel(audio[0]!.samples, 1000, 4800)).toBeGreaterThan(HEARD);
    expect(toneLevel(audio[0]!.samples, 2500, 4800)).toBeLessThan(SILENT);
    expect(toneLevel(audio[1]!.samples, 440, 4800)).toBeGreaterThan(HEARD);
  }, 60_000);
});
