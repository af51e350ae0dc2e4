/**
 * DispatcherOneToMany with ten WebRTC viewers (werift peers over loopback): every viewer decodes
 * the source's colour, the engine runs ONE encoder for them all (or none when the source is a
 * WebRTC sender: pass-through), switching the source reaches every viewer (a keyframe is asked
 * of the new sender), and viewers that leave mid-stream leave the others playing. Senders: test
 * patterns, werift peers encoding a colour, headless Chromium's fake camera.
 */
import { afterEach, describe, expect, it } from 'vitest';
import '../../engine/elements/index.ts';
import { near } from '../../engine/elements/hubs/test-support.ts';
import { yuvOf } from '../../engine/elements/test-support.ts';
import { mediaStats } from '../../engine/media/media-stats.ts';
import type { MediaElement } from '../../engine/model/media-element.ts';
import { MediaPipeline } from '../../engine/model/media-pipeline.ts';
import { until } from '../../engine/webrtc/test-support.ts';
import { BrowserPeer } from '../webrtc/browser-peer.ts';
import { SenderPeer } from './sender-peer.ts';
import { ViewerPeer } from './viewer-peer.ts';

const RED = '#ff0000';
const BLUE = '#0000ff';
const VIEWERS = 10;

describe('DispatcherOneToMany over WebRTC', () => {
  let pipeline: MediaPipeline | undefined;
  let viewers: ViewerPeer[] = [];
  let senders: (SenderPeer | BrowserPeer)[] = [];
  afterEach(async () => {
    await Promise.all([...viewers, ...senders].map((v) => v.close()));
    viewers = [];
    senders = [];
    pipeline?.release();
    pipeline = undefined;
  });

  it('ten viewers receive the source through one encoder, all switch to a new source, and survive others leaving', async () => {
    pipeline = new MediaPipeline();
    const hub = pipeline.create('DispatcherOneToMany');
    const sender = (color: string): MediaElement => {
      const source = pipeline!.create('TestPatternEndpoint', { pattern: 'SOLID_COLOR', color, width: 320, height: 240, framerate: 15, toneFrequency: 0 }) as MediaElement;
      const port = pipeline!.create('HubPort', { hub }) as MediaElement;
      source.connect(port);
      return port;
    };
    const red = sender(RED);
    const blue = sender(BLUE);
    const encodersBefore = mediaStats.encoders;
    const ports = Array.from({ length: VIEWERS }, () => pipeline!.create('HubPort', { hub }) as MediaElement);
    viewers = await Promise.all(ports.map((port) => ViewerPeer.open(pipeline!, port)));
    const centreIs = (v: ViewerPeer, color: string) => near(v.picture.mean(0.3, 0.3, 0.4, 0.4), yuvOf(color));

    await hub.invoke('setSource', { source: red.id });
    await until(() => viewers.every((v) => centreIs(v, RED)), 'red on all ten viewers', 60_000, 50);
    expect(viewers.every((v) => v.picture.width === 320 && v.picture.height === 240)).toBe(true);
    expect(mediaStats.encoders - encodersBefore).toBe(1);

    const switchedAt = performance.now();
    await hub.invoke('setSource', { source: blue.id });
    await until(() => viewers.every((v) => centreIs(v, BLUE)), 'blue on all ten viewers', 30_000, 20);
    console.log(JSON.stringify({ oneToManySwitchMs: Math.round(performance.now() - switchedAt), viewers: VIEWERS }));
    expect(mediaStats.encoders - encodersBefore).toBe(1);

    // Three viewers leave mid-stream (port released, endpoint released, both): the rest keep playing.
    ports[0]!.release();
    viewers[1]!.endpoint.release();
    ports[2]!.release();
    await viewers[2]!.close();
    const staying = viewers.slice(3);
    const counts = staying.map((v) => v.picture.frames);
    await until(() => staying.every((v, i) => v.picture.frames > counts[i]! + 15), 'frames on the remaining viewers', 30_000, 50);
    expect(staying.every((v) => centreIs(v, BLUE))).toBe(true);
    expect(mediaStats.encoders - encodersBefore).toBe(1);

    pipeline.release();
    pipeline = undefined;
    await until(() => mediaStats.encoders === encodersBefore, 'the shared encoder closed with the pipeline', 5_000, 50);
  }, 180_000);

  it('passes WebRTC senders through to the viewers untouched, and a switch asks the new sender for a keyframe', async () => {
    pipeline = new MediaPipeline();
    const hub = pipeline.create('DispatcherOneToMany') as MediaElement & { outlets: { VIDEO: { isTranscoding(): boolean } } };
    const encodersBefore = mediaStats.encodersCreated;
    const redPort = pipeline.create('HubPort', { hub }) as MediaElement;
    const bluePort = pipeline.create('HubPort', { hub }) as MediaElement;
    const blueSender = await SenderPeer.open(pipeline, bluePort, BLUE);
    senders = [await SenderPeer.open(pipeline, redPort, RED), blueSender];
    const ports = [0, 1, 2, 3].map(() => pipeline!.create('HubPort', { hub }) as MediaElement);
    viewers = await Promise.all(ports.map((port) => ViewerPeer.open(pipeline!, port)));
    const centreIs = (v: ViewerPeer, color: string) => near(v.picture.mean(0.3, 0.3, 0.4, 0.4), yuvOf(color));

    await hub.invoke('setSource', { source: redPort.id });
    await until(() => viewers.every((v) => centreIs(v, RED)), 'red on every viewer', 60_000, 50);
    const blueRequests = blueSender.keyframeRequests;
    const switchedAt = performance.now();
    await hub.invoke('setSource', { source: bluePort.id });
    // The blue sender's next scheduled keyframe is 20 s away: only the switch's request brings it sooner.
    await until(() => viewers.every((v) => centreIs(v, BLUE)), 'blue on every viewer', 10_000, 20);
    console.log(JSON.stringify({ passThroughSwitchMs: Math.round(performance.now() - switchedAt) }));
    expect(blueSender.keyframeRequests).toBeGreaterThan(blueRequests);
    expect(hub.outlets.VIDEO.isTranscoding()).toBe(false);
    expect(mediaStats.encodersCreated - encodersBefore).toBe(0);
  }, 120_000);

  it('a headless Chromium sender reaches ten viewers untouched; switching to a test pattern and back works both ways', async () => {
    pipeline = new MediaPipeline();
    const hub = pipeline.create('DispatcherOneToMany');
    const chromePort = pipeline.create('HubPort', { hub }) as MediaElement;
    const endpoint = pipeline.create('WebRtcEndpoint') as MediaElement & { processOffer(offer: string): Promise<string> };
    endpoint.connect(chromePort, 'VIDEO');
    const browser = await BrowserPeer.launch(() => undefined);
    senders = [browser];
    await browser.answer(await endpoint.processOffer(await browser.offer({ source: 'camera', audio: false, trickle: false })));
    const bluePort = pipeline.create('HubPort', { hub }) as MediaElement;
    (pipeline.create('TestPatternEndpoint', { pattern: 'SOLID_COLOR', color: BLUE, width: 320, height: 240, framerate: 15, toneFrequency: 0 }) as MediaElement).connect(bluePort);
    const ports = Array.from({ length: VIEWERS }, () => pipeline!.create('HubPort', { hub }) as MediaElement);
    viewers = await Promise.all(ports.map((port) => ViewerPeer.open(pipeline!, port)));
    const encodersBefore = mediaStats.encodersCreated;
    const isBlue = (v: ViewerPeer) => near(v.picture.mean(0.3, 0.3, 0.4, 0.4), yuvOf(BLUE));

    await hub.invoke('setSource', { source: chromePort.id });
    await until(() => viewers.every((v) => v.picture.frames >= 30 && !isBlue(v)), "Chromium's camera on all ten viewers", 120_000, 100);
    expect(mediaStats.encodersCreated - encodersBefore).toBe(0);

    await hub.invoke('setSource', { source: bluePort.id });
    await until(() => viewers.every(isBlue), 'the test pattern on all ten viewers', 30_000, 20);
    await hub.invoke('setSource', { source: chromePort.id });
    const frames = viewers.map((v) => v.picture.frames);
    await until(() => viewers.every((v, i) => !isBlue(v) && v.picture.frames > frames[i]! + 10), 'Chromium again on all ten viewers', 30_000, 20);
  }, 240_000);
});
