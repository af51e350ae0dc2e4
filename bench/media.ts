/**
 * Media core figures: per-frame encode/decode cost of our codec wrappers at 640x480, and the
 * event-loop lag of this process (the one that would answer control messages) while four
 * transcoding pipelines run for ~10 s. Each pipeline: TestPattern 640x480@30 → Recorder WebM
 * (VP8 encode) and Player of a 640x480 VP8 file → Recorder MP4 (VP8 decode + H.264 encode).
 * Target: event-loop lag p99 < 20 ms.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Frame } from 'node-av';
import '../engine/elements/index.ts';
import type { RecorderEndpoint } from '../engine/elements/recorder-endpoint.ts';
import { FileMuxer } from '../engine/media/file-muxer.ts';
import { mediaStats } from '../engine/media/media-stats.ts';
import { patternFrames } from '../engine/media/test-frames.ts';
import type { EncodedUnit, VideoCodec } from '../engine/media/media-unit.ts';
import { UnitDecoder } from '../engine/media/unit-decoder.ts';
import { DEFAULT_ENCODER_SETTINGS } from '../engine/media/unit-encoder.ts';
import { VideoEncoder } from '../engine/media/video-encoder.ts';
import type { MediaElement } from '../engine/model/media-element.ts';
import { MediaPipeline } from '../engine/model/media-pipeline.ts';

const WIDTH = 640;
const HEIGHT = 480;
const FRAMES = 150;
const PIPELINES = 4;
const RUN_MS = 10_000;
const LAG_RESOLUTION_MS = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Encodes the frames one after another; returns ms per frame and the units. */
async function encodeAll(codec: VideoCodec, frames: Frame[]): Promise<{ ms: number; units: EncodedUnit[] }> {
  const encoder = new VideoEncoder(codec, DEFAULT_ENCODER_SETTINGS);
  const units: EncodedUnit[] = [];
  const start = performance.now();
  for (const [i, frame] of frames.entries()) units.push(...(await encoder.encode(frame.clone()!, Math.round((i * 1_000_000) / 30), i === 0)));
  const ms = (performance.now() - start) / frames.length;
  encoder.close();
  return { ms, units };
}

/** Decodes the units one after another through the outlet's decoder; ms per frame. */
async function decodeAll(codec: VideoCodec, units: EncodedUnit[]): Promise<number> {
  let resolveFrame: () => void = () => undefined;
  const decoder = new UnitDecoder(codec, { onFrame: () => resolveFrame(), onNeedKeyframe: () => undefined, onError: () => undefined });
  const start = performance.now();
  for (const unit of units) {
    const decoded = new Promise<void>((r) => (resolveFrame = r));
    decoder.push(unit);
    await decoded;
  }
  const ms = (performance.now() - start) / units.length;
  decoder.close();
  return ms;
}

/** A 640x480 VP8 WebM of `seconds`, written unpaced. */
async function vp8File(path: string, frames: Frame[], seconds: number): Promise<void> {
  const encoder = new VideoEncoder('VP8', DEFAULT_ENCODER_SETTINGS);
  let muxer: FileMuxer | undefined;
  for (let i = 0; i < seconds * 30; i++) {
    const ts = Math.round((i * 1_000_000) / 30);
    for (const unit of await encoder.encode(frames[i % frames.length]!.clone()!, ts, i === 0)) {
      muxer ??= await FileMuxer.open(path, 'webm', [{ mediaType: 'VIDEO', codec: 'VP8', width: WIDTH, height: HEIGHT }]);
      await muxer.write(unit, unit.timestampUs);
    }
  }
  await muxer?.finish();
  encoder.close();
}

export async function benchMedia(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const frames = await patternFrames(WIDTH, HEIGHT, FRAMES);
  for (const codec of ['VP8', 'H264'] as const) {
    const { ms, units } = await encodeAll(codec, frames);
    figures[`${codec.toLowerCase()}EncodeMsPerFrame640x480`] = round(ms);
    figures[`${codec.toLowerCase()}DecodeMsPerFrame640x480`] = round(await decodeAll(codec, units));
  }

  // Lag of this process with nothing running, for comparison (the machine is shared).
  const idle = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  idle.enable();
  await sleep(3000);
  idle.disable();
  figures.idleEventLoopLagP99Ms = round(Math.max(0, idle.percentile(99) / 1e6 - LAG_RESOLUTION_MS));

  const dir = await mkdtemp(join(tmpdir(), 'fluo-bench-media-'));
  const file = join(dir, 'source.webm');
  await vp8File(file, frames, Math.ceil(RUN_MS / 1000) + 3);
  for (const frame of frames) frame.free();

  const pipeline = new MediaPipeline();
  const recorders: RecorderEndpoint[] = [];
  const players: (MediaElement & { play(): Promise<void> })[] = [];
  for (let i = 0; i < PIPELINES; i++) {
    const pattern = pipeline.create('TestPatternEndpoint', { width: WIDTH, height: HEIGHT, framerate: 30, pattern: 'TEST_SRC', toneFrequency: 0 }) as MediaElement;
    const webm = pipeline.create('RecorderEndpoint', { uri: `file://${dir}/p${i}.webm`, mediaProfile: 'WEBM_VIDEO_ONLY' }) as RecorderEndpoint;
    const player = pipeline.create('PlayerEndpoint', { uri: `file://${file}` }) as MediaElement & { play(): Promise<void> };
    const mp4 = pipeline.create('RecorderEndpoint', { uri: `file://${dir}/p${i}.mp4`, mediaProfile: 'MP4_VIDEO_ONLY' }) as RecorderEndpoint;
    pattern.connect(webm);
    player.connect(mp4);
    recorders.push(webm, mp4);
    players.push(player);
  }
  for (const r of recorders) await r.record();
  for (const p of players) await p.play();
  await sleep(1000);

  const dropsBefore = mediaStats.droppedFrames;
  const histogram = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const eluBefore = performance.eventLoopUtilization();
  histogram.enable();
  await sleep(RUN_MS);
  histogram.disable();
  // Share of the time the event loop was busy (the rest it could answer control messages at once).
  figures.eventLoopUtilization = round(performance.eventLoopUtilization(eluBefore).utilization);
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  figures.pipelines = PIPELINES;
  figures.decoders = mediaStats.decoders;
  figures.encoders = mediaStats.encoders;
  // The histogram records whole timer intervals (resolution + lag): subtract the resolution.
  const lag = (ns: number) => round(Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS));
  figures.eventLoopLagP50Ms = lag(histogram.percentile(50));
  figures.eventLoopLagP99Ms = lag(histogram.percentile(99));
  figures.eventLoopLagMaxMs = lag(histogram.max);
  figures.cpuCoresUsed = round((cpu.user + cpu.system) / 1000 / wallMs);
  figures.droppedFramesPerSecond = round((mediaStats.droppedFrames - dropsBefore) / (wallMs / 1000));

  await Promise.all(recorders.map((r) => r.stopAndWait()));
  const written = recorders.map((r) => r.recordedStats().get('VIDEO'));
  const fps = (i: number) => {
    const s = written[i];
    return s && s.lastUs > s.firstUs ? ((s.frames - 1) * 1_000_000) / (s.lastUs - s.firstUs) : 0;
  };
  figures.vp8RecordedFps = round(Math.min(...recorders.map((_, i) => (i % 2 === 0 ? fps(i) : Infinity))));
  figures.h264TranscodedFps = round(Math.min(...recorders.map((_, i) => (i % 2 === 1 ? fps(i) : Infinity))));
  pipeline.release();
  await rm(dir, { recursive: true, force: true });
  return figures;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
