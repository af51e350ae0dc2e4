/** Helpers shared by the element tests: waiting for events, making media files with the engine. */
import type { VideoCodec } from '../media/media-unit.ts';
import { solidFrame } from '../media/test-frames.ts';
import { DEFAULT_ENCODER_SETTINGS } from '../media/unit-encoder.ts';
import { VideoEncoder } from '../media/video-encoder.ts';
import type { MediaElement } from '../model/media-element.ts';
import type { MediaEvent } from '../model/media-object.ts';
import type { MediaPipeline } from '../model/media-pipeline.ts';
import { rgbToYuv } from '../vision/draw/yuv-encoding.ts';
import type { RecorderEndpoint } from './recorder-endpoint.ts';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the next event of a type (rejects after `timeoutMs`, so a test fails instead of hanging). */
export function nextEvent(element: MediaElement, type: string, timeoutMs = 20_000): Promise<MediaEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${type} event from ${element.describe()} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = element.on(type, (event) => {
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

/** Records a test pattern into `path` for about `ms` milliseconds. */
export async function recordPattern(pipeline: MediaPipeline, path: string, profile: string, params: Record<string, unknown>, ms: number): Promise<void> {
  const source = pipeline.create('TestPatternEndpoint', params) as MediaElement;
  const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${path}`, mediaProfile: profile }) as RecorderEndpoint;
  source.connect(recorder);
  await recorder.record();
  await sleep(ms);
  await recorder.stopAndWait();
  source.release();
  recorder.release();
}

/** Y, U, V of an sRGB colour (BT.601, limited range): what FFmpeg's yuv420p conversion gives. */
export function yuvOf(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return rgbToYuv(r, g, b);
}

/** The process's active handles and requests (sockets, timers, file requests...), counted by kind. */
export function activeResourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/**
 * Waits up to `timeoutMs` for every kind to be back at or below `baseline` (closing runs on the
 * libuv pool); returns the kinds still above it as "kind: now > before" (empty when none are).
 */
export async function resourcesLeftAbove(baseline: Map<string, number>, timeoutMs = 5000): Promise<string[]> {
  const above = (): string[] =>
    [...activeResourceCounts()].filter(([kind, n]) => n > (baseline.get(kind) ?? 0)).map(([kind, n]) => `${kind}: ${n} > ${baseline.get(kind) ?? 0}`);
  for (let waited = 0; waited < timeoutMs && above().length > 0; waited += 100) await sleep(100);
  return above();
}

/**
 * Feeds an element's video sink (a PassThrough, say) keyframes of one YUV colour at `fps`, as a
 * WebRTC endpoint passes a sender's units on: `colorSpace` (a color-space extension payload)
 * rides on every unit and says how to read `yuv`; without it, limited-range BT.601. Returns stop.
 */
export async function feedSolidVideo(
  element: MediaElement,
  codec: VideoCodec,
  size: { width: number; height: number },
  yuv: [number, number, number],
  colorSpace?: Buffer,
  fps = 15,
): Promise<() => void> {
  const encoder = new VideoEncoder(codec, DEFAULT_ENCODER_SETTINGS);
  const [keyframe] = await encoder.encode(solidFrame(size.width, size.height, yuv), 0, true).finally(() => encoder.close());
  const sink = element.getInlet('VIDEO');
  if (!keyframe?.keyframe || !sink) throw new Error(`cannot feed ${element.describe()}: no ${codec} keyframe or no video sink`);
  let index = 0;
  const timer = setInterval(() => sink.receive({ ...keyframe, timestampUs: Math.round((index++ * 1_000_000) / fps), ...(colorSpace ? { colorSpace } : {}) }), 1000 / fps);
  return () => clearInterval(timer);
}
