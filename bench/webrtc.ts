/**
 * WebRTC loopback through the engine (Kurento's Hello World): a Chromium page sends a canvas
 * whose pixels encode the time it was drawn, the engine's WebRtcEndpoint sends it straight
 * back (pass-through), and the page reads the time off each returned frame.
 * Figures: glass-to-glass round trip (median/p90 ms, including Chrome's capture, encode,
 * jitter buffer and decode), negotiation and first-frame times, and the engine's CPU.
 * The same through an FfmpegFilter 'null' (decode + re-encode VP8: the transcoding loopback).
 * Many concurrent sessions with werift peers, and the added latency of the engine, are
 * bench/loopback.ts's.
 */
import { loadavg } from 'node:os';
import { startLoopbackSession, type LoopbackOptions } from '../e2e/webrtc/loopback-session.ts';
import '../engine/elements/index.ts';
import { mediaStats } from '../engine/media/media-stats.ts';
import type { MediaElement } from '../engine/model/media-element.ts';

const WARMUP_SAMPLES = 30;
const SAMPLES = 300;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchWebrtc(): Promise<Record<string, number>> {
  const browser = await browserLoopback();
  const transcoding = await browserLoopback('transcoding', (pipeline) => pipeline.create('FfmpegFilter', { command: 'null' }) as MediaElement);
  // The machine is shared: the load average says how much the figures can be trusted.
  return { ...browser, ...transcoding, loadAverage1m: Math.round(loadavg()[0]! * 10) / 10 };
}

/**
 * One Chromium session with the timestamp probe: pass-through (the endpoint connected to
 * itself), or transcoding (through an FfmpegFilter 'null', which needs pixels: one VP8 decoder
 * and one VP8 encoder). Figure names get `prefix`.
 */
async function browserLoopback(prefix = '', through?: LoopbackOptions['through']): Promise<Record<string, number>> {
  const decodersBefore = mediaStats.decodersCreated;
  const encodersBefore = mediaStats.encodersCreated;
  const session = await startLoopbackSession({ source: 'probe', audio: false, through });
  try {
    const first = await session.browser.waitFor((s) => s.frames >= 1, 60_000);
    if (first.frames < 1) throw new Error('no frame came back within 60 s');
    const firstFrameMs = performance.now() - session.offerStartedAt;
    await session.browser.waitFor((s) => s.latencies.length >= WARMUP_SAMPLES, 60_000);
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    const framesStart = (await session.browser.stats()).frames;
    const stats = await session.browser.waitFor((s) => s.latencies.length >= WARMUP_SAMPLES + SAMPLES, 120_000);
    const wallMs = performance.now() - wallStart;
    const cpu = process.cpuUsage(cpuStart);
    const latencies = stats.latencies.slice(WARMUP_SAMPLES).sort((a, b) => a - b);
    const framesBack = stats.frames - framesStart;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const figures: Record<string, number> = {
      roundTripMedianMs: percentile(latencies, 50),
      roundTripP90Ms: percentile(latencies, 90),
      roundTripP95Ms: percentile(latencies, 95),
      roundTripP99Ms: percentile(latencies, 99),
      samples: latencies.length,
      negotiationMs: Math.round(session.negotiationMs),
      firstFrameMs: Math.round(firstFrameMs),
      framesPerSecondBack: Math.round((framesBack * 1000) / wallMs),
      // Engine process CPU while the session runs (Chromium's own CPU excluded).
      engineCpuPercentOfOneCore: Math.round((cpuMs / wallMs) * 1000) / 10,
      engineCpuMsPerFrame: Math.round((cpuMs / Math.max(1, framesBack)) * 100) / 100,
      decodersCreated: mediaStats.decodersCreated - decodersBefore,
      encodersCreated: mediaStats.encodersCreated - encodersBefore,
    };
    return Object.fromEntries(Object.entries(figures).map(([k, v]) => [prefix ? `${prefix}${k[0]!.toUpperCase()}${k.slice(1)}` : k, v]));
  } finally {
    await session.close();
  }
}
