import { AVCOL_RANGE_MPEG } from 'node-av/constants';
import { describe, expect, it } from 'vitest';
import '../index.ts';
import type { MediaElement } from '../../model/media-element.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { until } from '../../webrtc/test-support.ts';
import { feedSolidVideo, yuvOf } from '../test-support.ts';
import { usePipeline, VideoProbe } from './test-support.ts';

/** Chrome's canvas capture payload: BT.709 primaries, transfer and matrix, full range. */
const FULL_BT709 = Buffer.from([1, 1, 1, 0x20]);
/** Limited-range BT.601, what the hub's output frames say (encoder payload). */
const LIMITED_BT601 = '06060610';
/** Largest difference on any of R, G, B between sent and received (two VP8 passes, two conversions). */
const TOLERANCE = 8;

type Rgb = [number, number, number];
const RED: Rgb = [220, 40, 40];
const BLUE: Rgb = [40, 60, 220];
const GREEN: Rgb = [40, 200, 60];
const YELLOW: Rgb = [230, 200, 40];

/** An RGB colour as full-range BT.709 YUV (what Chrome makes of a canvas colour). */
function fullBt709(rgb: Rgb): [number, number, number] {
  const [r, g, b] = rgb;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return [Math.round(y), Math.round(128 + (b - y) / 1.8556), Math.round(128 + (r - y) / 1.5748)];
}

/** An RGB colour as limited-range BT.601 YUV (what a camera sends, no payload). */
function limitedBt601(rgb: Rgb): [number, number, number] {
  const hex = `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  return yuvOf(hex).map(Math.round) as [number, number, number];
}

/** Waits a second of pictures more: the encoder's first pictures are still coarse. */
async function settle(probe: VideoProbe): Promise<void> {
  const from = probe.frames;
  await until(() => probe.frames >= from + 15, 'a second more of pictures', 20_000, 50);
}

const worst = (got: number[], want: Rgb): number => Math.max(...got.map((c, k) => Math.abs(c - want[k]!)));

describe('hubs: inputs of different colour ranges in one picture', () => {
  const session = usePipeline();
  const feeds: (() => void)[] = [];
  const stopFeeds = (): void => {
    for (const stop of feeds.splice(0)) stop();
  };

  /** A hub port fed solid VP8 keyframes through a PassThrough, as a WebRTC endpoint would pass them on. */
  async function input(pipeline: MediaPipeline, hub: MediaElement, width: number, height: number, rgb: Rgb, full: boolean): Promise<MediaElement> {
    const source = pipeline.create('PassThrough') as MediaElement;
    const port = pipeline.create('HubPort', { hub }) as MediaElement;
    source.connect(port);
    feeds.push(await feedSolidVideo(source, 'VP8', { width, height }, full ? fullBt709(rgb) : limitedBt601(rgb), full ? FULL_BT709 : undefined));
    return port;
  }

  it('Composite: full-range and limited-range inputs, at tile size and scaled, each keep their colour', async () => {
    const pipeline = session.start();
    const composite = pipeline.create('Composite', { width: 640, height: 480, framerate: 15 }) as MediaElement;
    // 2x2 grid of 320x240 tiles: 320x240 inputs are copied, 160x120 ones go through the scaler.
    const ports = [
      await input(pipeline, composite, 320, 240, RED, true),
      await input(pipeline, composite, 160, 120, BLUE, true),
      await input(pipeline, composite, 320, 240, GREEN, false),
      await input(pipeline, composite, 160, 120, YELLOW, false),
    ];
    const probe = new VideoProbe(ports[0]!);
    session.probes.push(probe, { close: stopFeeds });
    const quadrants: [number, number, number, number][] = [
      [0.1, 0.1, 0.3, 0.3],
      [0.6, 0.1, 0.3, 0.3],
      [0.1, 0.6, 0.3, 0.3],
      [0.6, 0.6, 0.3, 0.3],
    ];
    const expected = [RED, BLUE, GREEN, YELLOW];
    const measured = (): number[][] => quadrants.map((q) => probe.rgb(...q).map(Math.round));
    // Every input shows: no quadrant is black or the letterbox colour.
    await until(() => probe.frames > 0 && measured().every((rgb) => Math.max(...rgb) > 100), 'four inputs in the grid', 30_000, 50);
    await settle(probe);
    const got = measured();
    console.log(`Composite RGB: ${got.map((rgb, i) => `${rgb.join(',')} (sent ${expected[i]!.join(',')})`).join(' / ')}`);
    got.forEach((rgb, i) => expect(worst(rgb, expected[i]!), `quadrant ${i}: ${rgb.join(',')} for ${expected[i]!.join(',')}`).toBeLessThanOrEqual(TOLERANCE));
    // The picture says what it is, so the receiver's reading above is the one any receiver makes.
    expect(probe.colorSpace?.toString('hex')).toBe(LIMITED_BT601);
    expect(probe.colorRange).toBe(AVCOL_RANGE_MPEG);
  }, 60_000);

  it('AlphaBlending: a limited-range overlay on a full-range master keeps both colours', async () => {
    const pipeline = session.start();
    const hub = pipeline.create('AlphaBlending') as MediaElement;
    const master = await input(pipeline, hub, 320, 240, RED, true);
    const overlay = await input(pipeline, hub, 160, 120, GREEN, false);
    await hub.invoke('setMaster', { source: master.id, zOrder: 0 });
    await hub.invoke('setPortProperties', { relativeX: 0.5, relativeY: 0.5, zOrder: 1, relativeWidth: 0.5, relativeHeight: 0.5, port: overlay.id });
    const probe = new VideoProbe(overlay);
    session.probes.push(probe, { close: stopFeeds });
    const background = (): number[] => probe.rgb(0.1, 0.1, 0.3, 0.3).map(Math.round);
    const box = (): number[] => probe.rgb(0.6, 0.6, 0.3, 0.3).map(Math.round);
    await until(() => probe.frames > 0 && box()[1]! > 100 && background()[0]! > 100, 'the overlay over the master', 30_000, 50);
    await settle(probe);
    const got = [background(), box()];
    console.log(`AlphaBlending RGB: master ${got[0]!.join(',')} (sent ${RED.join(',')}), overlay ${got[1]!.join(',')} (sent ${GREEN.join(',')})`);
    expect(worst(got[0]!, RED), `master ${got[0]!.join(',')}`).toBeLessThanOrEqual(TOLERANCE);
    expect(worst(got[1]!, GREEN), `overlay ${got[1]!.join(',')}`).toBeLessThanOrEqual(TOLERANCE);
    expect(probe.colorSpace?.toString('hex')).toBe(LIMITED_BT601);
  }, 60_000);
});
