// FfmpegFilter: hflip mirrors real pixels; bad filter strings fail at creation with a message
// naming the problem, and the pipeline goes on working.
import { describe, expect, it } from 'vitest';
import { AV_PIX_FMT_YUV420P } from 'node-av/constants';
import '../index.ts';
import { MediaError } from '../../errors.ts';
import type { RawVideoUnit } from '../../media/media-unit.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import { frameOwning } from '../../vision/draw/writable-frame-pool.ts';
import type { FfmpegFilter } from './ffmpeg-filter.ts';
import { feedFrames, lumaOf, sleep, watchOutput } from './test-support.ts';

/** Dark left half, bright right half, a mid-grey square near the top-left corner. */
function halves(timestampUs: number): ReturnType<typeof frameOwning> {
  const [w, h] = [320, 240];
  const buffer = Buffer.alloc((w * h * 3) / 2, 128);
  for (let y = 0; y < h; y++) {
    buffer.fill(30, y * w, y * w + w / 2);
    buffer.fill(220, y * w + w / 2, y * w + w);
    if (y >= 20 && y < 60) buffer.fill(128, y * w + 20, y * w + 60);
  }
  return frameOwning(buffer, w, h, AV_PIX_FMT_YUV420P, timestampUs);
}

describe('FfmpegFilter', () => {
  it('hflip mirrors the picture and keeps the timestamps', async () => {
    const pipeline = new MediaPipeline();
    const filter = pipeline.create('FfmpegFilter', { command: 'hflip' }) as FfmpegFilter;
    expect(filter.getProperty('command')).toBe('hflip');
    const out: { left: number; right: number; square: Buffer; t: number; size: string }[] = [];
    const detach = watchOutput(filter, (unit: RawVideoUnit) => {
      const left = lumaOf(unit.frame, 10, 120, 1, 1)[0]!;
      const right = lumaOf(unit.frame, 300, 120, 1, 1)[0]!;
      out.push({ left, right, square: lumaOf(unit.frame, 260, 20, 40, 40), t: unit.timestampUs, size: `${unit.width}x${unit.height}` });
    });
    await feedFrames(filter, 10, (_i, t) => halves(t));
    for (let i = 0; i < 100 && out.length < 10; i++) await sleep(20);
    detach();
    pipeline.release();
    expect(out.length).toBeGreaterThan(5); // while libavfilter is busy only the newest frame waits
    for (const o of out) {
      expect(o.size).toBe('320x240');
      expect(o.left).toBe(220);
      expect(o.right).toBe(30);
      expect(o.square.every((v) => v === 128)).toBe(true); // the square moved to the top-right
    }
    expect(out.map((o) => o.t)).toEqual([...out.map((o) => o.t)].sort((a, b) => a - b));
  }, 30_000);

  it("'null' passes every picture and timestamp through unchanged (a graph this cheap runs on the event loop)", async () => {
    const pipeline = new MediaPipeline();
    const filter = pipeline.create('FfmpegFilter', { command: 'null' }) as FfmpegFilter;
    const out: { left: number; right: number; square: Buffer; t: number }[] = [];
    const detach = watchOutput(filter, (unit: RawVideoUnit) => {
      out.push({ left: lumaOf(unit.frame, 10, 120, 1, 1)[0]!, right: lumaOf(unit.frame, 300, 120, 1, 1)[0]!, square: lumaOf(unit.frame, 20, 20, 40, 40), t: unit.timestampUs });
    });
    const sent: number[] = [];
    await feedFrames(filter, 30, (_i, t) => (sent.push(t), halves(t)));
    for (let i = 0; i < 100 && out.at(-1)?.t !== sent.at(-1); i++) await sleep(20);
    detach();
    pipeline.release();
    expect(out.length).toBeGreaterThan(20);
    for (const o of out) expect([o.left, o.right, o.square.every((v) => v === 128)]).toEqual([30, 220, true]);
    expect(out.every((o) => sent.includes(o.t))).toBe(true);
    expect(out.map((o) => o.t)).toEqual([...out.map((o) => o.t)].sort((a, b) => a - b));
  }, 30_000);

  it('names the problem in a bad filter string, and the pipeline keeps working', () => {
    const pipeline = new MediaPipeline();
    const attempt = (command: string): MediaError => {
      try {
        pipeline.create('FfmpegFilter', { command });
      } catch (error) {
        return error as MediaError;
      }
      throw new Error(`'${command}' was accepted`);
    };
    const unknown = attempt('hflipx');
    expect(unknown).toBeInstanceOf(MediaError);
    expect(unknown.message).toBe("FfmpegFilter command 'hflipx': FFmpeg has no filter 'hflipx' (did you mean 'hflip'?)");
    expect(attempt('scale=320:240,edgedetekt').message).toContain("FFmpeg has no filter 'edgedetekt' (did you mean 'edgedetect'?)");
    expect(attempt('hue=q=1').message).toBe("FfmpegFilter command 'hue=q=1': FFmpeg rejects 'hue=q=1': Option not found");
    expect(attempt('scale=w=abc').message).toContain("FFmpeg rejects 'scale=w=abc': Invalid argument");
    expect(attempt('anull').message).toContain("'anull' filters audio, not video");
    expect(attempt('testsrc').message).toContain("'testsrc' is a source filter");
    for (const good of ['edgedetect', 'hue=s=0', 'scale=160:120,hflip', 'split[a][b];[a][b]hstack']) {
      expect(() => pipeline.create('FfmpegFilter', { command: good })).not.toThrow();
    }
    expect(pipeline.create('PassThrough')).toBeDefined();
    pipeline.release();
  });
});
