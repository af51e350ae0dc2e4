/**
 * WebRTC loopback sessions through the engine with werift peers sending a real pre-encoded VP8
 * 640x480@30 stream (e2e/media/loopback-peers-process.ts, a child process: this process's CPU
 * is the engine's alone).
 * - Added latency: round trip through a pass-through WebRtcEndpoint loopback minus the round
 *   trip through a bare WebRtcTransport echo in this process (same werift legs, no engine).
 * - Concurrent pass-through sessions (10, 25, then FLUO_BENCH_LOOPBACK_SESSIONS, default 50, the
 *   issue's target): engine CPU per session, and how many sessions get back >= 90% of the frames
 *   sent. The stream is FLUO_BENCH_LOOPBACK_KBPS (default 500, what Chrome sends werift).
 * - Transcoding loopback (WebRtcEndpoint → FfmpegFilter 'null' → back: VP8 decode + encode per
 *   session, FLUO_BENCH_LOOPBACK_TRANSCODING sessions, default 2): engine CPU per frame as a
 *   ratio to bare node-av decode + encode of the same frames, measured in the same run (target
 *   <= 1.3), and to the same bare chains fed at the stream's rate (one per session) as a live
 *   session is; medians of FLUO_BENCH_LOOPBACK_ROUNDS rounds (default 5), after the sessions have
 *   run FLUO_BENCH_LOOPBACK_WARM_UP_SECONDS (default 30) unmeasured so that V8 has optimised them. Glass-to-glass latency
 *   from the browser is bench/webrtc.ts's (transcodingRoundTrip*). Diagnostics beside it: the
 *   session's CPU split between the event loop and the worker threads.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { EncodedStreamFile } from '../e2e/media/loopback-peers-process.ts';
import '../engine/elements/index.ts';
import type { WebRtcEndpoint } from '../engine/elements/webrtc/web-rtc-endpoint.ts';
import { mediaStats } from '../engine/media/media-stats.ts';
import type { Frame } from 'node-av';
import type { EncodedUnit, RawUnit } from '../engine/media/media-unit.ts';
import { patternFrames } from '../engine/media/test-frames.ts';
import { UnitDecoder } from '../engine/media/unit-decoder.ts';
import { DEFAULT_ENCODER_SETTINGS } from '../engine/media/unit-encoder.ts';
import { VideoEncoder } from '../engine/media/video-encoder.ts';
import type { MediaElement } from '../engine/model/media-element.ts';
import { MediaPipeline } from '../engine/model/media-pipeline.ts';
import { until } from '../engine/webrtc/test-support.ts';
import { WebRtcTransport } from '../engine/webrtc/webrtc-transport.ts';

const FPS = 30;
const LOOP_FRAMES = 90;
const KEYFRAME_EVERY = 30;
const RUN_SECONDS = 10;
const BARE_FRAMES = 300;
const WARM_UP_FRAMES = 30;
/** Frames of the spaced bare measurement (busy-waits between them: 5 s of one core per round). */
const SPACED_FRAMES = 150;
/** Rounds of the transcoding measurement (bare, sessions, paced bare), medians reported. */
const TRANSCODING_ROUNDS = Number(process.env.FLUO_BENCH_LOOPBACK_ROUNDS ?? 5);
const SETTLE_MS = 2000;
/**
 * The transcoding sessions run this long, unmeasured, before the first round: V8 goes on
 * optimising the per-frame code (werift, routing, codec glue) for ~30 s of a 30 fps stream, and
 * measured during that a session cost ~1.3x what it does once warm. A long-running engine pays
 * that once per process, not per session or per frame.
 */
const JIT_WARM_UP_SECONDS = Number(process.env.FLUO_BENCH_LOOPBACK_WARM_UP_SECONDS ?? 30);
/** Chrome's own estimate toward werift settles at ~450–480 kbps for 640x480 (MEDIA-NOTES.md). */
const STREAM_KBPS = Number(process.env.FLUO_BENCH_LOOPBACK_KBPS ?? 500);
/** Session counts tried on the way to the target, to show where this machine stops keeping up. */
const RAMP = [10, 25];

type Mode = 'echo' | 'passthrough' | 'transcoding';

interface PeerResult {
  sent: number;
  received: number;
  keyframesReceived: number;
  connected: boolean;
  /** Sorted round trips of frames returned byte for byte, ms. */
  rtts: number[];
}

interface RunResult {
  peers: PeerResult[];
  cpuPercent: number;
}

interface Scenario {
  result: RunResult;
  /** This process's CPU during the measured seconds, % of one core. */
  engineCpuPercent: number;
  /** The same for its main thread alone (werift, routing, codec calls; the rest is worker threads). */
  engineEventLoopCpuPercent: number;
  /** Share of the measured seconds this process's event loop was busy (1 = saturated or starved of CPU). */
  engineEventLoopUtilization: number;
  decoders: number;
  encoders: number;
  /** Frames the engine's codec stages dropped (busy: keep-newest) during the scenario. */
  dropped: number;
  /** RTP packets the engine's endpoints received and sent (whole scenario, warm-up included). */
  packetsIn: number;
  packetsOut: number;
}

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
const at = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : Number.NaN);

/** Encodes a 3 s loop of moving testsrc2 as VP8 with a keyframe each second. */
async function encodeStream(): Promise<EncodedUnit[]> {
  const raw = await patternFrames(640, 480, LOOP_FRAMES);
  const encoder = new VideoEncoder('VP8', { ...DEFAULT_ENCODER_SETTINGS, bitrate: STREAM_KBPS * 1000 });
  const units: EncodedUnit[] = [];
  for (const [i, frame] of raw.entries()) {
    units.push(...(await encoder.encode(frame.clone()!, Math.round((i * 1_000_000) / FPS), i % KEYFRAME_EVERY === 0)));
    frame.free();
  }
  encoder.close();
  return units;
}

interface BareChain {
  /**
   * Decodes `frames` units from `first` on (a keyframe) and re-encodes each picture, one after
   * the other; with `fps`, each unit waits for its time as it would on the wire, sleeping or,
   * with `spin`, busy-waiting on this thread. Returns the process CPU spent inside the steps, ms
   * (the waits excluded).
   */
  run(frames: number, first: number, fps?: number, spin?: boolean): Promise<number>;
  close(): void;
}

/** Bare node-av: one VP8 decoder and one encoder with the engine's settings, nothing around them. */
function bareChain(units: EncodedUnit[]): BareChain {
  const encoder = new VideoEncoder('VP8', DEFAULT_ENCODER_SETTINGS);
  let take: (unit: RawUnit) => void = () => undefined;
  const decoder = new UnitDecoder('VP8', { onFrame: (unit) => take(unit), onNeedKeyframe: () => undefined, onError: () => undefined });
  return {
    async run(frames, first, fps, spin) {
      const start = performance.now();
      let stepsCpuMs = 0;
      for (let i = 0; i < frames; i++) {
        if (fps) {
          const due = start + (i * 1000) / fps;
          if (spin) while (performance.now() < due);
          else await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        }
        const stepStart = process.cpuUsage();
        const unit = units[(first + i) % units.length]!;
        const decoded = new Promise<Frame>((resolve) => {
          take = (raw) => {
            if (raw.kind === 'raw-video') resolve(raw.frame.clone()!);
          };
        });
        decoder.push({ ...unit, timestampUs: Math.round((i * 1_000_000) / FPS) });
        await encoder.encode(await decoded, Math.round((i * 1_000_000) / FPS), false);
        const step = process.cpuUsage(stepStart);
        stepsCpuMs += (step.user + step.system) / 1000;
      }
      return stepsCpuMs;
    },
    close() {
      decoder.close();
      encoder.close();
    },
  };
}

/** CPU ms per frame of `work` over `frames` frames: the whole process, and its worker threads alone. */
async function cpuPerFrame(frames: number, work: () => Promise<unknown>): Promise<{ total: number; workers: number }> {
  const loopStart = eventLoopThreadCpuMs();
  const cpuStart = process.cpuUsage();
  await work();
  const cpu = process.cpuUsage(cpuStart);
  const loop = eventLoopThreadCpuMs() - loopStart;
  const total = (cpu.user + cpu.system) / 1000;
  return { total: total / frames, workers: (total - loop) / frames };
}

/**
 * CPU time of this process's main thread (the event loop), ms; the rest of its CPU is worker
 * threads (libuv pool: the codecs; V8: GC, JIT). NaN where /proc is not there.
 */
function eventLoopThreadCpuMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

interface EngineSide {
  offer: string;
  accept(sdp: string): Promise<void>;
  connected(): boolean;
  /** RTP packets received from and sent to the peer since the start (video). */
  packets(): Promise<{ in: number; out: number }>;
}

/** Video RTP packet counts of a werift peer connection's statistics. */
async function rtpPackets(stats: Record<string, Record<string, unknown>>): Promise<{ in: number; out: number }> {
  const records = Object.values(stats);
  const sum = (type: string, field: string): number => records.filter((r) => r.type === type).reduce((n, r) => n + Number(r[field] ?? 0), 0);
  return { in: sum('inboundrtp', 'packetsReceived'), out: sum('outboundrtp', 'packetsSent') };
}

/** The engine side of one session: offers to the peer, then takes its answer. */
async function engineSide(mode: Mode, pipeline: MediaPipeline, cleanups: (() => Promise<void> | void)[]): Promise<EngineSide> {
  if (mode === 'echo') {
    const echo: WebRtcTransport = new WebRtcTransport(
      { direction: 'sendrecv' },
      {
        onFrame: (kind, codec, frame, timestampUs) => void echo.sendFrame(kind, codec.name, frame.data, timestampUs),
        onKeyframeRequested: () => echo.requestKeyframe(),
      },
    );
    cleanups.push(() => echo.close());
    return {
      offer: await echo.generateOffer({ video: true }),
      accept: (sdp) => echo.processAnswer(sdp),
      connected: () => echo.pc.connectionState === 'connected',
      packets: async () => ({ in: echo.stats.framesIn, out: echo.stats.framesOut }),
    };
  }
  const endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
  if (mode === 'passthrough') {
    endpoint.connect(endpoint);
  } else {
    // A filter that needs pixels: the endpoint's VP8 is decoded once and encoded once.
    const filter = pipeline.create('FfmpegFilter', { command: 'null' }) as MediaElement;
    endpoint.connect(filter, 'VIDEO');
    filter.connect(endpoint, 'VIDEO');
  }
  const offer = await endpoint.generateOffer({ offerToReceiveAudio: false, offerToReceiveVideo: true });
  return {
    offer,
    accept: async (sdp) => void (await endpoint.processAnswer(sdp)),
    connected: () => endpoint.getProperty('connectionState') === 'CONNECTED',
    packets: async () => rtpPackets(await endpoint.getStats('VIDEO')),
  };
}

/** One session per entry of `modes` against a fresh peer process; measures `seconds` after a 2 s warm-up. */
async function scenario(modes: Mode[], streamFile: string, seconds = RUN_SECONDS): Promise<Scenario> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/media/loopback-peers-process.ts', streamFile], { stdio: ['pipe', 'pipe', 'inherit'] });
  const pipeline = new MediaPipeline();
  const cleanups: (() => Promise<void> | void)[] = [];
  const answers = new Map<number, (sdp: string) => void>();
  let resolveResult: (r: RunResult) => void = () => undefined;
  const result = new Promise<RunResult>((resolve) => (resolveResult = resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as { type: string; id: number; sdp: string } & RunResult;
    if (message.type === 'answer') answers.get(message.id)?.(message.sdp);
    else if (message.type === 'result') resolveResult(message);
  });
  const send = (message: object): void => void child.stdin.write(`${JSON.stringify(message)}\n`);
  const sides: EngineSide[] = [];
  const codecsBefore = { decoders: mediaStats.decodersCreated, encoders: mediaStats.encodersCreated, dropped: mediaStats.droppedFrames };
  try {
    // One session after the other: simultaneous DTLS handshakes in JS on 2 busy cores time out.
    for (const [id, mode] of modes.entries()) {
      const side = await engineSide(mode, pipeline, cleanups);
      sides.push(side);
      const answer = new Promise<string>((resolve) => answers.set(id, resolve));
      send({ type: 'offer', id, sdp: side.offer });
      await side.accept(await answer);
      await until(side.connected, `${mode} session ${id} connected`, 20_000, 20).catch(() => undefined);
    }
    send({ type: 'run', seconds });
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the peers' warm-up
    const loopCpuStart = eventLoopThreadCpuMs();
    const cpuStart = process.cpuUsage();
    const eluStart = performance.eventLoopUtilization();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const cpu = process.cpuUsage(cpuStart);
    const loopCpu = eventLoopThreadCpuMs() - loopCpuStart;
    const elu = performance.eventLoopUtilization(eluStart).utilization;
    const packets = await Promise.all(sides.map((side) => side.packets()));
    return {
      packetsIn: packets.reduce((n, p) => n + p.in, 0),
      packetsOut: packets.reduce((n, p) => n + p.out, 0),
      engineEventLoopUtilization: elu,
      result: await result,
      engineCpuPercent: ((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100,
      engineEventLoopCpuPercent: (loopCpu / (seconds * 1000)) * 100,
      decoders: mediaStats.decodersCreated - codecsBefore.decoders,
      encoders: mediaStats.encodersCreated - codecsBefore.encoders,
      dropped: mediaStats.droppedFrames - codecsBefore.dropped,
    };
  } finally {
    pipeline.release();
    for (const cleanup of cleanups) await cleanup();
    child.kill();
  }
}

/** One round's figures, ms of CPU per frame. */
interface RoundCost {
  engineMsPerFrame: number;
  engineLoopMsPerFrame: number;
  bareMsPerFrame: number;
  bareWorkersMsPerFrame: number;
  pacedBareMsPerFrame: number;
  /** Bare decode + encode of frames 1/30 s apart with the thread busy-waiting between them (never idle), ms of CPU inside the steps. */
  spacedBareMsPerFrame: number;
}

/** Medians of the rounds' figures; the ratios are medians of each round's ratio. */
interface TranscodingCost extends RoundCost {
  /** The last round's scenario (health, codec counts, drops). */
  transcoding: Scenario;
  ratioToBare: number;
  ratioToPacedBare: number;
  /** The highest round's ratio to the paced bare chains. */
  worstRatioToPacedBare: number;
  /** What pacing alone does to bare node-av: its paced cost per frame over its back-to-back cost. */
  barePacingCost: number;
  /** The same for frames spaced by busy-waiting (no sleep): spacedBareMsPerFrame over bareMsPerFrame. */
  bareSpacingCost: number;
}

const median = (values: number[]): number => at([...values].sort((a, b) => a - b), 0.5);
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/**
 * Transcoding sessions against bare node-av decode + encode of the same frames, in rounds
 * (one 10 s window swings by 20% on a shared machine): each round measures the bare chain back
 * to back, then the sessions, then the bare chains fed at the stream's rate (one per session),
 * so all three see the same machine; the figures are medians over the rounds.
 */
async function transcodingCost(units: EncodedUnit[], streamFile: string, sessions: number): Promise<TranscodingCost> {
  const rounds: RoundCost[] = [];
  let transcoding: Scenario | undefined;
  if (JIT_WARM_UP_SECONDS > 0) await scenario(times(sessions, 'transcoding'), streamFile, JIT_WARM_UP_SECONDS);
  for (let round = 0; round < TRANSCODING_ROUNDS; round++) {
    // The released sessions' teardown (DTLS close, timers, garbage) must not land in a baseline.
    await settle();
    const chain = bareChain(units);
    await chain.run(WARM_UP_FRAMES, 0); // codec set-up and the first keyframe are not per-frame costs
    const bare = await cpuPerFrame(BARE_FRAMES, () => chain.run(BARE_FRAMES, 0));
    // The same chain with its frames 1/30 s apart and the thread spinning in between, so nothing
    // sleeps: what time alone between frames does to the codecs' cost (caches go cold).
    const spacedMs = await chain.run(SPACED_FRAMES, 0, FPS, true);
    chain.close();
    transcoding = await scenario(times(sessions, 'transcoding'), streamFile);
    const frames = Math.max(1, framesReturned(transcoding.result));
    await settle();
    // What the codecs alone cost when they idle between frames, as a live session's do.
    const chains = Array.from({ length: sessions }, () => bareChain(units));
    for (const c of chains) await c.run(WARM_UP_FRAMES, 0);
    const paced = await cpuPerFrame(BARE_FRAMES * sessions, async () => {
      await Promise.all(chains.map((c, i) => c.run(BARE_FRAMES, i * KEYFRAME_EVERY, FPS)));
    });
    for (const c of chains) c.close();
    rounds.push({
      engineMsPerFrame: ((transcoding.engineCpuPercent / 100) * RUN_SECONDS * 1000) / frames,
      engineLoopMsPerFrame: ((transcoding.engineEventLoopCpuPercent / 100) * RUN_SECONDS * 1000) / frames,
      bareMsPerFrame: bare.total,
      bareWorkersMsPerFrame: bare.workers,
      pacedBareMsPerFrame: paced.total,
      spacedBareMsPerFrame: spacedMs / SPACED_FRAMES,
    });
  }
  const of = (key: keyof RoundCost): number => median(rounds.map((r) => r[key]));
  const ratios = (cost: keyof RoundCost, baseline: keyof RoundCost): number[] => rounds.map((r) => r[cost] / r[baseline]);
  return {
    transcoding: transcoding!,
    engineMsPerFrame: of('engineMsPerFrame'),
    engineLoopMsPerFrame: of('engineLoopMsPerFrame'),
    bareMsPerFrame: of('bareMsPerFrame'),
    bareWorkersMsPerFrame: of('bareWorkersMsPerFrame'),
    pacedBareMsPerFrame: of('pacedBareMsPerFrame'),
    spacedBareMsPerFrame: of('spacedBareMsPerFrame'),
    ratioToBare: median(ratios('engineMsPerFrame', 'bareMsPerFrame')),
    ratioToPacedBare: median(ratios('engineMsPerFrame', 'pacedBareMsPerFrame')),
    worstRatioToPacedBare: Math.max(...ratios('engineMsPerFrame', 'pacedBareMsPerFrame')),
    barePacingCost: median(ratios('pacedBareMsPerFrame', 'bareMsPerFrame')),
    bareSpacingCost: median(ratios('spacedBareMsPerFrame', 'bareMsPerFrame')),
  };
}

/** Sessions whose peer got back at least 90% of the frames it sent in the measured seconds. */
const healthySessions = (r: RunResult): number => r.peers.filter((p) => p.sent > 0 && p.received >= 0.9 * p.sent).length;
const framesSent = (r: RunResult): number => r.peers.reduce((sum, p) => sum + p.sent, 0);
const framesReturned = (r: RunResult): number => r.peers.reduce((sum, p) => sum + p.received, 0);
const allRtts = (peers: PeerResult[]): number[] => peers.flatMap((p) => p.rtts).sort((a, b) => a - b);
const times = (n: number, mode: Mode): Mode[] => Array.from({ length: n }, () => mode);

export async function benchLoopback(): Promise<Record<string, number>> {
  const sessions = Number(process.env.FLUO_BENCH_LOOPBACK_SESSIONS ?? 50);
  const transcodingSessions = Number(process.env.FLUO_BENCH_LOOPBACK_TRANSCODING ?? 2);
  const loadAtStart = round(loadavg()[0]!, 1);
  const dir = await mkdtemp(join(tmpdir(), 'fluo-bench-loopback-'));
  try {
    const units = await encodeStream();
    const streamFile = join(dir, 'stream.json');
    const file: EncodedStreamFile = { fps: FPS, frames: units.map((u) => ({ keyframe: u.keyframe, data: u.data.toString('base64') })) };
    await writeFile(streamFile, JSON.stringify(file));
    const streamKbps = (units.reduce((sum, u) => sum + u.data.length, 0) * 8 * FPS) / units.length / 1000;

    // Added latency: a bare transport echo and a pass-through endpoint side by side (same load).
    const pair = await scenario(['echo', 'passthrough'], streamFile);
    const echo = allRtts([pair.result.peers[0]!]);
    const single = allRtts([pair.result.peers[1]!]);
    const ramp: Record<string, number> = {};
    for (const count of RAMP.filter((n) => n < sessions)) ramp[`sessions${count}Healthy`] = healthySessions((await scenario(times(count, 'passthrough'), streamFile)).result);
    const setupStart = performance.now();
    const many = await scenario(times(sessions, 'passthrough'), streamFile);
    const manyMs = performance.now() - setupStart;
    const cost = await transcodingCost(units, streamFile, transcodingSessions);
    const { transcoding } = cost;
    const passthroughMsPerFrame = ((many.engineCpuPercent / 100) * RUN_SECONDS * 1000) / Math.max(1, framesReturned(many.result));

    return {
      streamKbps: Math.round(streamKbps),
      echoRoundTripMedianMs: round(at(echo, 0.5)),
      echoRoundTripP95Ms: round(at(echo, 0.95)),
      passthroughRoundTripMedianMs: round(at(single, 0.5)),
      passthroughRoundTripP95Ms: round(at(single, 0.95)),
      // What the engine adds to one frame's round trip over a bare werift echo (target < 5 ms).
      passthroughAddedLatencyMedianMs: round(at(single, 0.5) - at(echo, 0.5)),
      passthroughAddedLatencyP95Ms: round(at(single, 0.95) - at(echo, 0.95)),
      ...ramp,
      concurrentSessions: sessions,
      concurrentScenarioMs: Math.round(manyMs),
      // Target: all 50 hold >= 90% of the sent frame rate.
      concurrentSessionsHealthy: healthySessions(many.result),
      concurrentSessionsConnected: many.result.peers.filter((p) => p.connected).length,
      concurrentFramesReturnedPercent: round((framesReturned(many.result) / Math.max(1, framesSent(many.result))) * 100, 1),
      concurrentRoundTripMedianMs: round(at(allRtts(many.result.peers), 0.5)),
      concurrentRoundTripP95Ms: round(at(allRtts(many.result.peers), 0.95)),
      concurrentEngineCpuPercentOfOneCore: round(many.engineCpuPercent, 1),
      concurrentEngineCpuPercentPerSession: round(many.engineCpuPercent / sessions),
      concurrentEngineEventLoopUtilization: round(many.engineEventLoopUtilization),
      concurrentEngineCpuMsPerFrame: round(passthroughMsPerFrame, 3),
      concurrentPeerCpuPercentOfOneCore: many.result.cpuPercent,
      // Where frames go missing when the machine cannot keep up: into the engine, or back out of it.
      concurrentEngineRtpPacketsIn: many.packetsIn,
      concurrentEngineRtpPacketsOut: many.packetsOut,
      concurrentCodecsCreated: many.decoders + many.encoders,
      transcodingSessions,
      transcodingSessionsHealthy: healthySessions(transcoding.result),
      transcodingFramesReturnedPercent: round((framesReturned(transcoding.result) / Math.max(1, framesSent(transcoding.result))) * 100, 1),
      transcodingDecodersCreated: transcoding.decoders,
      transcodingEncodersCreated: transcoding.encoders,
      transcodingFramesDroppedByEngine: transcoding.dropped,
      // Keyframes cost several times a delta frame: the sent stream has one per second per session.
      transcodingKeyframesReturnedPerSecondPerSession: round(
        transcoding.result.peers.reduce((n, p) => n + p.keyframesReceived, 0) / RUN_SECONDS / transcodingSessions,
      ),
      transcodingEngineCpuPercentPerSession: round(transcoding.engineCpuPercent / transcodingSessions, 1),
      transcodingRounds: TRANSCODING_ROUNDS,
      transcodingEngineCpuMsPerFrame: round(cost.engineMsPerFrame, 3),
      bareDecodeEncodeCpuMsPerFrame: round(cost.bareMsPerFrame, 3),
      // Target <= 1.3: the whole engine session (werift in and out included) per frame vs. bare codecs.
      transcodingCpuRatioToBare: round(cost.ratioToBare),
      // The same without the pass-through share (transport, routing): what the codec path itself costs.
      transcodingCodecPathRatioToBare: round(cost.ratioToBare - passthroughMsPerFrame / cost.bareMsPerFrame),
      // Where the session's CPU goes: the event loop (werift, routing, codec calls) and the worker
      // threads (codecs on the libuv pool, V8's GC and compiler), next to bare's worker threads.
      transcodingEventLoopCpuMsPerFrame: round(cost.engineLoopMsPerFrame, 3),
      transcodingWorkerThreadsCpuMsPerFrame: round(cost.engineMsPerFrame - cost.engineLoopMsPerFrame, 3),
      bareWorkerThreadsCpuMsPerFrame: round(cost.bareWorkersMsPerFrame, 3),
      // Bare codecs fed in real time, as the sessions are, cost more per frame than back to back
      // (caches and cores go cold between frames); the ratio to that is what the engine adds.
      barePacedDecodeEncodeCpuMsPerFrame: round(cost.pacedBareMsPerFrame, 3),
      transcodingCpuRatioToPacedBare: round(cost.ratioToPacedBare),
      transcodingCpuRatioToPacedBareWorstRound: round(cost.worstRatioToPacedBare),
      // Bare node-av's own paced cost over its back-to-back cost: the floor of transcodingCpuRatioToBare
      // for any live pipeline on this machine, before a single packet is sent.
      barePacedToBackToBackRatio: round(cost.barePacingCost),
      // Frames 1/30 s apart cost more than back to back even when the thread never sleeps between
      // them (it spins): on this shared host, time alone between frames cools the caches.
      bareSpacedDecodeEncodeCpuMsPerFrame: round(cost.spacedBareMsPerFrame, 3),
      bareSpacedToBackToBackRatio: round(cost.bareSpacingCost),
      // The machine is shared: figures taken under a high load average say more about the load.
      loadAverage1mAtStart: loadAtStart,
      loadAverage1m: round(loadavg()[0]!, 1),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
