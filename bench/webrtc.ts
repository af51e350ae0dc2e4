/**
 * WebRTC loopback through the engine (Kurento's Hello World): a Chromium page sends a canvas
 * whose pixels encode the time it was drawn, the engine's WebRtcEndpoint sends it straight
 * back (pass-through), and the page reads the time off each returned frame.
 * Figures: glass-to-glass round trip (median/p90 ms, including Chrome's capture, encode,
 * jitter buffer and decode), negotiation and first-frame times, and the engine's CPU.
 * The same through an FfmpegFilter 'null' (decode + re-encode VP8: the transcoding loopback).
 * Then N concurrent pass-through loopback sessions with werift peers in a child process
 * (FLUO_BENCH_WEBRTC_SESSIONS, default 50, the target): round trip per frame and the engine's CPU alone.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { startLoopbackSession, type LoopbackOptions } from '../e2e/webrtc/loopback-session.ts';
import '../engine/elements/index.ts';
import type { WebRtcEndpoint } from '../engine/elements/webrtc/web-rtc-endpoint.ts';
import { mediaStats } from '../engine/media/media-stats.ts';
import type { MediaElement } from '../engine/model/media-element.ts';
import { MediaPipeline } from '../engine/model/media-pipeline.ts';

const WARMUP_SAMPLES = 30;
const SAMPLES = 300;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchWebrtc(): Promise<Record<string, number>> {
  const skipBrowser = Boolean(process.env.FLUO_BENCH_WEBRTC_SKIP_BROWSER);
  const browser = skipBrowser ? {} : await browserLoopback();
  const transcoding = skipBrowser ? {} : await browserLoopback('transcoding', (pipeline) => pipeline.create('FfmpegFilter', { command: 'null' }) as MediaElement);
  const sessions = await concurrentSessions(Number(process.env.FLUO_BENCH_WEBRTC_SESSIONS ?? 50), 10);
  // The machine is shared: the load average says how much the figures can be trusted.
  return { ...browser, ...transcoding, ...sessions, loadAverage1m: Math.round(loadavg()[0]! * 10) / 10 };
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

interface PeerResult {
  connected: number;
  sent: number;
  received: number;
  rttMedianMs: number;
  rttP90Ms: number;
  rttP99Ms: number;
  peerCpuPercent: number;
}

/** N WebRtcEndpoints, each a loopback, driven by N werift peers in a child process. */
async function concurrentSessions(count: number, seconds: number): Promise<Record<string, number>> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/webrtc/werift-peer-process.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const pipeline = new MediaPipeline();
  const answers = new Map<number, (sdp: string) => void>();
  let resolveResult: (r: PeerResult) => void = () => undefined;
  const result = new Promise<PeerResult>((resolve) => (resolveResult = resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as { type: string; id: number; sdp: string } & PeerResult;
    if (message.type === 'answer') answers.get(message.id)?.(message.sdp);
    else if (message.type === 'result') resolveResult(message);
  });
  const send = (message: object): void => void child.stdin.write(`${JSON.stringify(message)}\n`);
  try {
    const setupStart = performance.now();
    // One session after the other: simultaneous DTLS handshakes in JS on 2 busy cores time out.
    for (let id = 0; id < count; id++) {
      const endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
      endpoint.connect(endpoint);
      const offer = await endpoint.generateOffer({ offerToReceiveAudio: false, offerToReceiveVideo: true });
      const answer = new Promise<string>((resolve) => answers.set(id, resolve));
      send({ type: 'offer', id, sdp: offer });
      await endpoint.processAnswer(await answer);
      const deadline = Date.now() + 10_000;
      while (endpoint.getProperty('connectionState') !== 'CONNECTED' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    }
    const setupMs = performance.now() - setupStart;
    send({ type: 'run', seconds });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const cpuStart = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const cpu = process.cpuUsage(cpuStart);
    const peers = await result;
    const engineConnected = pipeline.elements.filter((e) => e.getProperty('connectionState') === 'CONNECTED').length;
    const engineCpu = ((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100;
    return {
      sessions: count,
      sessionsConnected: peers.connected,
      sessionsConnectedAtEngine: engineConnected,
      sessionsSetupMs: Math.round(setupMs),
      sessionsFramesReturnedPercent: Math.round((peers.received / Math.max(1, peers.sent)) * 1000) / 10,
      // Peer → engine → peer for one frame, both werift stacks included (an upper bound of what the engine adds).
      sessionsRoundTripMedianMs: peers.rttMedianMs,
      sessionsRoundTripP90Ms: peers.rttP90Ms,
      sessionsRoundTripP99Ms: peers.rttP99Ms,
      sessionsEngineCpuPercentOfOneCore: Math.round(engineCpu * 10) / 10,
      sessionsEngineCpuPercentPerSession: Math.round((engineCpu / count) * 100) / 100,
      sessionsPeerCpuPercentOfOneCore: peers.peerCpuPercent,
    };
  } finally {
    pipeline.release();
    child.kill();
  }
}
