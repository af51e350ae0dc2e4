import type { Frame } from 'node-av';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { h264ParameterSets, h264Size, nalUnits, vp8KeyframeSize } from './bitstream.ts';
import { patternFrames } from './test-frames.ts';
import { DEFAULT_ENCODER_SETTINGS } from './unit-encoder.ts';
import { VideoEncoder } from './video-encoder.ts';

describe('bitstream helpers on real encoder output', () => {
  let frames: Frame[];
  beforeAll(async () => {
    frames = await patternFrames(328, 184, 2);
  });
  afterAll(() => {
    for (const f of frames) f.free();
  });

  async function keyframe(codec: 'VP8' | 'H264'): Promise<Buffer> {
    const encoder = new VideoEncoder(codec, DEFAULT_ENCODER_SETTINGS);
    const [unit] = await encoder.encode(frames[0]!.clone()!, 0, true);
    encoder.close();
    if (!unit?.keyframe) throw new Error(`${codec} gave no keyframe`);
    return unit.data;
  }

  it('reads the picture size of an H.264 keyframe (with cropping: 184 is not a multiple of 16)', async () => {
    const data = await keyframe('H264');
    expect(h264Size(data)).toEqual({ width: 328, height: 184 });
    const sets = h264ParameterSets(data);
    expect(sets && nalUnits(sets).map((n) => n[0]! & 0x1f)).toEqual([7, 8]);
  });

  it('reads the picture size of a VP8 keyframe', async () => {
    expect(vp8KeyframeSize(await keyframe('VP8'))).toEqual({ width: 328, height: 184 });
  });
});
