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
import { nextEvent, recordPattern, sleep } from './test-support.ts';

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
    const flowIn: unknown[] = [];
    const flowOut: unknown[] = [];
    pass.on('MediaFlowInStateChanged', (e) => flowIn.push(e.state));
    pass.on('MediaFlowOutStateChanged', (e) => flowOut.push(e.state));
    await recorder.record();
    const before = { d: mediaStats.decodersCreated, e: mediaStats.encodersCreated };
    const end = nextEvent(player, 'EndOfStream');
    await player.play();
    await end;
    expect(flowIn[0]).toBe('FLOWING');
    expect(flowOut[0]).toBe('FLOWING');
    expect({ d: mediaStats.decodersCreated - before.d, e: mediaStats.encodersCreated - before.e }).toEqual({ d: 0, e: 0 });
    await recorder.stopAndWait();
    // Two seconds without media: flow stops on both sides.
    for (let i = 0; i < 60 && (flowIn.length < 2 || flowOut.length < 2); i++) await sleep(100);
    expect(flowIn).toEqual(['FLOWING', 'NOT_FLOWING']);
    expect(flowOut).toEqual(['FLOWING', 'NOT_FLOWING']);
    const copy = await readBack(`${dir}/out.webm`);
    const original = await readBack(file);
    expect(copy.tracks.VIDEO?.codec).toBe('VP8');
    expect(Math.abs((copy.tracks.VIDEO?.frames ?? 0) - (original.tracks.VIDEO?.frames ?? 0))).toBeLessThanOrEqual(1);
    pipeline.release();
  }, 30_000);
});
