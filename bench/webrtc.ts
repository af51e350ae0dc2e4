/**
 * WebRTC loopback through the engine (Kurento's Hello World): a Chromium page sends a canvas
 * whose pixels encode the time it was drawn, the engine's WebRtcEndpoint sends it straight
 * back (pass-through), and the page reads the time off each returned frame.
 * Figures: glass-to-glass round trip (median/p90 ms, including Chrome's capture, encode,
 * jitter buffer and decode), negotiation and first-frame times, and the engine's CPU.
 */
import { startLoopbackSession } from '../e2e/webrtc/loopback-session.ts';
import { mediaStats } from '../engine/media/media-stats.ts';

const WARMUP_SAMPLES = 30;
const SAMPLES = 300;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchWebrtc(): Promise<Record<string, number>> {
  const decodersBefore = mediaStats.decodersCreated;
  const encodersBefore = mediaStats.encodersCreated;
  const session = await startLoopbackSession({ source: 'probe', audio: false });
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
    return {
      roundTripMedianMs: percentile(latencies, 50),
      roundTripP90Ms: percentile(latencies, 90),
      roundTripP99Ms: percentile(latencies, 99),
      samples: latencies.length,
      negotiationMs: Math.round(session.negotiationMs),
      firstFrameMs: Math.round(firstFrameMs),
      framesPerSecondBack: Math.round(((stats.frames - framesStart) * 1000) / wallMs),
      // Engine process CPU while one loopback session runs (Chromium's own CPU excluded).
      engineCpuPercentOfOneCore: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 1000) / 10,
      decodersCreated: mediaStats.decodersCreated - decodersBefore,
      encodersCreated: mediaStats.encodersCreated - encodersBefore,
    };
  } finally {
    await session.close();
  }
}
