import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AVCOL_RANGE_JPEG } from 'node-av/constants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../elements/index.ts';
import { mediaStats } from '../media/media-stats.ts';
import { readBack, seekProbe } from '../media/read-back.ts';
import { MediaPipeline } from '../model/media-pipeline.ts';
import type { MediaElement } from '../model/media-element.ts';
import type { MediaEvent } from '../model/media-object.ts';
import { feedSolidVideo, nextEvent } from './test-support.ts';
import type { RecorderEndpoint } from './recorder-endpoint.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const within = (actual: number, expected: number, ratio: number, slack = 0) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * ratio + slack);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fluo-rec-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('TestPatternEndpoint → RecorderEndpoint', () => {

  const PROFILES = {
    WEBM: { ext: 'webm', video: 'VP8', audio: 'OPUS' },
    WEBM_VIDEO_ONLY: { ext: 'webm', video: 'VP8' },
    WEBM_AUDIO_ONLY: { ext: 'webm', audio: 'OPUS' },
    MP4: { ext: 'mp4', video: 'H264', audio: 'AAC' },
    MP4_VIDEO_ONLY: { ext: 'mp4', video: 'H264' },
    MP4_AUDIO_ONLY: { ext: 'mp4', audio: 'AAC' },
  } as const;

  it('records every profile from one source; files decode with the right codec, duration and frame count', async () => {
    const pipeline = new MediaPipeline();
    const source = pipeline.create('TestPatternEndpoint', { width: 320, height: 240, framerate: 30, pattern: 'TEST_SRC' });
    const recorders = Object.entries(PROFILES).map(([profile, spec]) => {
      const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${dir}/${profile}.${spec.ext}`, mediaProfile: profile }) as RecorderEndpoint;
      const events: string[] = [];
      recorder.on('*', (e: MediaEvent) => events.push(e.type));
      (source as unknown as { connect(s: unknown): void }).connect(recorder);
      return { profile, spec, recorder, events };
    });
    const encodersBefore = mediaStats.encoders;
    for (const r of recorders) await r.recorder.record();
    await sleep(3000);
    // Six recorders, four output formats (VP8, Opus, H.264, AAC): one encoder each, shared.
    expect(mediaStats.encoders - encodersBefore).toBe(4);
    await Promise.all(recorders.map((r) => r.recorder.stopAndWait()));
    for (const { profile, spec, recorder, events } of recorders) {
      expect(events, profile).toEqual(expect.arrayContaining(['Recording', 'Stopped']));
      expect(events, profile).not.toContain('Error');
      const file = await readBack(`${dir}/${profile}.${spec.ext}`);
      const stats = recorder.recordedStats();
      for (const type of ['VIDEO', 'AUDIO'] as const) {
        const want = type === 'VIDEO' ? ('video' in spec ? spec.video : undefined) : 'audio' in spec ? spec.audio : undefined;
        const track = file.tracks[type];
        if (!want) {
          expect(track, `${profile} has no ${type}`).toBeUndefined();
          continue;
        }
        const written = stats.get(type);
        expect(track?.codec, profile).toBe(want);
        expect(written, profile).toBeDefined();
        if (!track || !written) continue;
        // Frames decoded from the file = frames the recorder wrote (±2%).
        within(track.frames, written.frames, 0.02, 1);
        // Duration read back = the span written (±2%, plus one frame).
        within(track.durationUs, written.lastUs - written.firstUs, 0.02, 40_000);
        expect(track.durationUs, profile).toBeGreaterThan(2_000_000);
        if (type === 'VIDEO') {
          expect(track.width).toBe(320);
          // A paced 30 fps source: never more frames than the time allows; a loaded machine may drop some
          // (busy encoders keep the newest frame), but timestamps keep the true time.
          const expected = (track.durationUs / 1_000_000) * 30;
          expect(track.frames, profile).toBeLessThanOrEqual(expected * 1.02 + 1);
          expect(track.frames, profile).toBeGreaterThan(expected * 0.85);
        }
      }
      if (file.tracks.VIDEO && file.tracks.AUDIO) {
        // Audio and video of one source start together (A/V sync through encoders and muxer).
        expect(Math.abs(file.tracks.VIDEO.startUs - file.tracks.AUDIO.startUs), profile).toBeLessThan(100_000);
      }
      within(file.durationUs, Math.max(...Object.values(file.tracks).map((t) => t.durationUs)), 0.02, 50_000);
      // Seekable: a seek to 2.5 s lands on the keyframe at 2 s (video) or right there (audio).
      const landed = await seekProbe(`${dir}/${profile}.${spec.ext}`, 2_500_000);
      expect(landed, profile).toBeGreaterThanOrEqual(1_900_000);
      expect(landed, profile).toBeLessThanOrEqual(2_550_000);
    }
    pipeline.release();
  }, 60_000);

  it('pauses and resumes: Paused/Recording events, and the pause is cut out of the file', async () => {
    const pipeline = new MediaPipeline();
    const source = pipeline.create('TestPatternEndpoint', { width: 160, height: 120 });
    const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${dir}/paused.webm`, mediaProfile: 'WEBM_VIDEO_ONLY' }) as RecorderEndpoint;
    const events: string[] = [];
    recorder.on('*', (e: MediaEvent) => events.push(e.type));
    (source as unknown as { connect(s: unknown): void }).connect(recorder);
    await recorder.record();
    await nextEvent(recorder, 'Recording');
    const t0 = performance.now();
    await sleep(1200);
    recorder.pause();
    const t1 = performance.now();
    expect(recorder.state).toBe('PAUSE');
    await sleep(1500);
    await recorder.record();
    const t2 = performance.now();
    await sleep(1200);
    await recorder.stopAndWait();
    const t3 = performance.now();
    expect(events.filter((e) => ['Recording', 'Paused', 'Stopped'].includes(e))).toEqual(['Recording', 'Paused', 'Recording', 'Stopped']);
    const file = await readBack(`${dir}/paused.webm`);
    const written = recorder.recordedStats().get('VIDEO');
    expect(written).toBeDefined();
    within(file.tracks.VIDEO?.frames ?? 0, written?.frames ?? 0, 0.02, 1);
    // The file lasts as long as the two recorded stretches, not the pause between them.
    const recordedMs = t1 - t0 + (t3 - t2);
    const durationMs = (file.tracks.VIDEO?.durationUs ?? 0) / 1000;
    expect(durationMs).toBeLessThan(recordedMs + 300);
    expect(durationMs).toBeGreaterThan(recordedMs - 600);
    pipeline.release();
  }, 30_000);
});

describe('RecorderEndpoint: colour description of pass-through video', () => {
  /** Chrome's canvas capture payload: BT.709 primaries, transfer and matrix, full range. */
  const FULL_BT709 = Buffer.from([1, 1, 1, 0x20]);
  /** 220,40,40 as full-range BT.709 YUV. */
  const RED_FULL_BT709: [number, number, number] = [78, 107, 218];

  it.each([
    ['WEBM_VIDEO_ONLY', 'VP8', 'webm'],
    ['MKV_VIDEO_ONLY', 'VP8', 'mkv'],
    ['MP4_VIDEO_ONLY', 'H264', 'mp4'],
  ] as const)('%s: %s units from a full-range sender are written full range (the file says so, a player reads 220,40,40)', async (profile, codec, ext) => {
    const pipeline = new MediaPipeline();
    try {
      // A PassThrough carries the units as a WebRTC endpoint would: encoded, the sender's payload on each.
      const source = pipeline.create('PassThrough') as MediaElement;
      const path = `${dir}/full.${ext}`;
      const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${path}`, mediaProfile: profile }) as RecorderEndpoint;
      source.connect(recorder);
      const stop = await feedSolidVideo(source, codec, { width: 160, height: 120 }, RED_FULL_BT709, FULL_BT709);
      await recorder.record();
      await sleep(1500);
      stop();
      await recorder.stopAndWait();
      expect(source.isMediaTranscoding('VIDEO')).toBe(false);
      const file = await readBack(path, 500_000);
      console.log(
        `${profile}: container range ${file.tracks.VIDEO?.colorRange}, FFmpeg decoder range ${file.decodedColorRange}, shown range ${file.shownColorRange}, centre YUV ${file.centreYuv?.join(',')} -> RGB ${file.centreRgb?.join(',')}`,
      );
      expect(file.tracks.VIDEO?.colorRange).toBe(AVCOL_RANGE_JPEG);
      expect(file.shownColorRange).toBe(AVCOL_RANGE_JPEG);
      // FFmpeg's H.264 decoder takes the range from the MP4 colr box (the SPS here says none);
      // its VP8 decoder reads the clamping_type bit instead, so only a player that honours the
      // Matroska Colour element (Chrome) shows VP8 right.
      if (codec === 'H264') expect(file.decodedColorRange).toBe(AVCOL_RANGE_JPEG);
      const rgb = file.centreRgb ?? [0, 0, 0];
      expect(Math.max(...rgb.map((c, k) => Math.abs(c - [220, 40, 40][k]!))), `centre ${rgb.join(',')}`).toBeLessThanOrEqual(6);
    } finally {
      pipeline.release();
    }
  }, 30_000);
});
