/** Helpers shared by the element tests: waiting for events, making media files with the engine. */
import type { MediaElement } from '../model/media-element.ts';
import type { MediaEvent } from '../model/media-object.ts';
import type { MediaPipeline } from '../model/media-pipeline.ts';
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
  return [
    16 + (65.738 * r + 129.057 * g + 25.064 * b) / 256,
    128 + (-37.945 * r - 74.494 * g + 112.439 * b) / 256,
    128 + (112.439 * r - 94.154 * g - 18.285 * b) / 256,
  ];
}
