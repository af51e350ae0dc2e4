import { afterEach, describe, expect, it } from 'vitest';
import { inlet } from './media-inlet.ts';
import { MediaOutlet } from './media-outlet.ts';
import type { EncodedUnit, MediaUnit } from './media-unit.ts';
import { mediaStats } from './media-stats.ts';
import { rawVideoUnit } from './test-frames.ts';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (up to 2 s) until `condition` holds: codecs are async, and a loaded machine is slow. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await settle(10);
}

/** Publishes raw frames one at a time, each once the previous one came out (so none is dropped). */
async function publishRaw(outlet: MediaOutlet, count: number, produced: () => number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const unit = rawVideoUnit(160, 120, i);
    const before = produced();
    outlet.publish(unit);
    unit.frame.free();
    await until(() => produced() > before);
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
    await publishRaw(outlet, 20, () => received[2]!.length);
    expect(mediaStats.encodersCreated - before.encodersCreated).toBe(1);
    expect(mediaStats.decodersCreated - before.decodersCreated).toBe(0);
    for (const list of received) {
      expect(list.length).toBe(20);
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
    await publishRaw(encoderOutlet, 15, () => encoded.length);
    expect(encoded.length).toBe(15);

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
      const before = sizes.length;
      source.publish(unit);
      await until(() => sizes.length > before);
    }
    expect(mediaStats.decodersCreated - before.decodersCreated).toBe(1);
    expect(mediaStats.encodersCreated - before.encodersCreated).toBe(0);
    expect(sizes.length).toBe(15);
    expect(sizes[0]).toBe('160x120');
  });

  it('forces a keyframe from the shared encoder when a sink joins late', async () => {
    const outlet = new MediaOutlet('VIDEO');
    outlets.push(outlet);
    const early: EncodedUnit[] = [];
    const late: EncodedUnit[] = [];
    outlet.attach(inlet('VIDEO', { encoded: ['VP8'] }, (u) => u.kind === 'encoded' && early.push(u)));
    await publishRaw(outlet, 10, () => early.length);
    outlet.attach(inlet('VIDEO', { encoded: ['VP8'] }, (u) => u.kind === 'encoded' && late.push(u)));
    await publishRaw(outlet, 5, () => early.length);
    expect(early.filter((u) => u.keyframe).length).toBe(2);
    expect(late[0]?.keyframe).toBe(true);
    expect(late[0]).toBe(early[10]);
  });
});
