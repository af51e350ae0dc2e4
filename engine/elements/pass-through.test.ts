import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './index.ts';
import { mediaStats } from '../media/media-stats.ts';
import { readBack } from '../media/read-back.ts';
import type { MediaElement } from '../model/media-element.ts';
import { MediaPipeline } from '../model/media-pipeline.ts';
import type { RecorderEndpoint } from './recorder-endpoint.ts';
import { nextEvent, recordPattern } from './test-support.ts';

describe('PassThrough', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fluo-pass-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('forwards encoded media untouched (no codec) and raises media flow events on both sides', async () => {
    const pipeline = new MediaPipeline();
    const file = join(dir, 'in.webm');
    await recordPattern(pipeline, file, 'WEBM_VIDEO_ONLY', { width: 160, height: 120 }, 1500);
    const player = pipeline.create('PlayerEndpoint', { uri: `file://${file}` }) as MediaElement & { play(): Promise<void> };
    const pass = pipeline.create('PassThrough') as MediaElement;
    const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${dir}/out.webm`, mediaProfile: 'WEBM_VIDEO_ONLY' }) as RecorderEndpoint;
    player.connect(pass);
    pass.connect(recorder);
    const flowIn = nextEvent(pass, 'MediaFlowInStateChanged');
    const flowOut = nextEvent(pass, 'MediaFlowOutStateChanged');
    await recorder.record();
    const before = { d: mediaStats.decodersCreated, e: mediaStats.encodersCreated };
    const end = nextEvent(player, 'EndOfStream');
    await player.play();
    expect((await flowIn).state).toBe('FLOWING');
    expect((await flowOut).state).toBe('FLOWING');
    await end;
    expect({ d: mediaStats.decodersCreated - before.d, e: mediaStats.encodersCreated - before.e }).toEqual({ d: 0, e: 0 });
    await recorder.stopAndWait();
    const stopped = nextEvent(pass, 'MediaFlowInStateChanged', 5000);
    expect((await stopped).state).toBe('NOT_FLOWING');
    const copy = await readBack(`${dir}/out.webm`);
    const original = await readBack(file);
    expect(copy.tracks.VIDEO?.codec).toBe('VP8');
    expect(Math.abs((copy.tracks.VIDEO?.frames ?? 0) - (original.tracks.VIDEO?.frames ?? 0))).toBeLessThanOrEqual(1);
    pipeline.release();
  }, 30_000);
});
