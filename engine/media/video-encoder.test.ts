import type { Frame } from 'node-av';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoCodec } from './media-unit.ts';
import { patternFrames } from './test-frames.ts';
import { DEFAULT_ENCODER_SETTINGS } from './unit-encoder.ts';
import { VideoEncoder } from './video-encoder.ts';

const FPS = 30;

/** Encodes the frames with 30 fps timestamps; returns bits per second of output. */
async function bitrateOf(encoder: VideoEncoder, frames: Frame[], from = 0): Promise<number> {
  let bytes = 0;
  for (const [i, frame] of frames.entries()) {
    const units = await encoder.encode(frame.clone()!, Math.round(((from + i) * 1_000_000) / FPS), false);
    for (const unit of units) bytes += unit.data.length;
  }
  return (bytes * 8 * FPS) / frames.length;
}

describe('VideoEncoder bitrate control', () => {
  let frames: Frame[];
  beforeAll(async () => {
    frames = await patternFrames(320, 240, 90);
  });
  afterAll(() => {
    for (const frame of frames) frame.free();
  });

  it.each(['VP8', 'H264'] as const)('%s honours the target bitrate', async (codec: VideoCodec) => {
    const results: number[] = [];
    for (const bitrate of [100_000, 400_000]) {
      const encoder = new VideoEncoder(codec, { ...DEFAULT_ENCODER_SETTINGS, bitrate });
      const actual = await bitrateOf(encoder, frames);
      encoder.close();
      expect(actual, `${codec} at ${bitrate}`).toBeLessThan(bitrate * 1.35);
      results.push(actual);
    }
    // Four times the budget buys clearly more bits.
    expect(results[1]! / results[0]!).toBeGreaterThan(2);
  });

  it('reopens for a new bitrate at most once per second', async () => {
    const encoder = new VideoEncoder('VP8', { ...DEFAULT_ENCODER_SETTINGS, bitrate: 300_000 });
    const started = Date.now();
    for (const [i, frame] of frames.slice(0, 30).entries()) {
      encoder.setBitrate(100_000 + i * 10_000);
      await encoder.encode(frame.clone()!, Math.round((i * 1_000_000) / FPS), false);
    }
    const elapsed = Date.now() - started;
    expect(encoder.opens).toBeLessThanOrEqual(1 + Math.floor(elapsed / 1000));
    await new Promise((r) => setTimeout(r, 1000));
    encoder.setBitrate(50_000);
    const before = encoder.opens;
    await encoder.encode(frames[0]!.clone()!, 2_000_000, false);
    expect(encoder.opens).toBe(before + 1);
    encoder.close();
  });
});
