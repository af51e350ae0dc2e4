import { afterEach, describe, expect, it } from 'vitest';
import { inlet } from './media-inlet.ts';
import { MediaOutlet } from './media-outlet.ts';
import type { EncodedUnit, MediaUnit } from './media-unit.ts';
import { mediaStats } from './media-stats.ts';
import { rawVideoUnit } from './test-frames.ts';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Publishes raw frames paced at ~fps, awaiting between them so async codecs keep up. */
async function publishRaw(outlet: MediaOutlet, count: number, from = 0): Promise<void> {
  for (let i = from; i < from + count; i++) {
    const unit = rawVideoUnit(160, 120, i);
    outlet.publish(unit);
    unit.frame.free();
    await settle(10);
  }
}

describe('MediaOutlet', () => {
  const outlets: MediaOutlet[] = [];
  afterEach(() => {
    for (const o of outlets.splice(0)) o.close();
  });

  it('encodes once per output codec and fans out to every sink that wants it', async () => {
    const outlet = new MediaOutlet('VIDEO');
    outlets.push(outlet);
    const received: EncodedUnit[][] = [[], [], []];
    const before = { ...mediaStats };
    const links = received.map((list) =>
      outlet.attach(inlet('VIDEO', { encoded: ['H264'] }, (u) => u.kind === 'encoded' && list.push(u))),
    );
    await publishRaw(outlet, 20);
    await settle(100);
    expect(mediaStats.encodersCreated - before.encodersCreated).toBe(1);
    expect(mediaStats.decodersCreated - before.decodersCreated).toBe(0);
    for (const list of received) {
      expect(list.length).toBeGreaterThan(5);
      expect(list[0]?.codec).toBe('H264');
      expect(list[0]?.keyframe).toBe(true);
    }
    // The same unit objects reach all three sinks: one encoder, fanned out.
    expect(received[1]?.[0]).toBe(received[0]?.[0]);
    for (const detach of links) detach();
    outlet.publish(rawVideoUnit(160, 120, 99));
    expect(mediaStats.encoders).toBe(before.encoders);
  });

  it('passes encoded units through untouched when the sink takes the codec, and decodes once for raw sinks', async () => {
    // Make VP8 units with a first outlet, then feed them to a second one.
    const encoderOutlet = new MediaOutlet('VIDEO');
    const source = new MediaOutlet('VIDEO');
    outlets.push(encoderOutlet, source);
    const encoded: EncodedUnit[] = [];
    encoderOutlet.attach(inlet('VIDEO', { encoded: ['VP8'] }, (u) => u.kind === 'encoded' && encoded.push(u)));
    await publishRaw(encoderOutlet, 15);
    await settle(100);
    expect(encoded.length).toBeGreaterThan(10);

    const before = { ...mediaStats };
    const passed: MediaUnit[] = [];
    source.attach(inlet('VIDEO', { encoded: ['VP8', 'H264'] }, (u) => passed.push(u)));
    for (const unit of encoded) source.publish(unit);
    expect(mediaStats.decodersCreated - before.decodersCreated).toBe(0);
    expect(mediaStats.encodersCreated - before.encodersCreated).toBe(0);
    expect(passed).toEqual(encoded);
    expect(passed[3]).toBe(encoded[3]);

    const sizes: string[] = [];
    source.attach(inlet('VIDEO', { raw: true }, (u) => u.kind === 'raw-video' && sizes.push(`${u.width}x${u.height}`)));
    source.attach(inlet('VIDEO', { raw: true }, () => undefined));
    for (const unit of encoded) {
      source.publish(unit);
      await settle(5);
    }
    await settle(100);
    expect(mediaStats.decodersCreated - before.decodersCreated).toBe(1);
    expect(mediaStats.encodersCreated - before.encodersCreated).toBe(0);
    expect(sizes.length).toBeGreaterThan(10);
    expect(sizes[0]).toBe('160x120');
  });
});
