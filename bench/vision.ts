/**
 * Vision figures (issue 4), printed by `npm run bench -- vision`:
 *  - the face detector: ms per 640x480 frame inside the worker (inference + decoding) per
 *    TensorFlow.js backend available here, the frame conversion (640x480 yuv420p → 256x192 RGB,
 *    libuv pool), and the round trip offer → result;
 *  - Magic Mirror sessions as Kurento's tutorial builds them (WebRtcEndpoint → FaceOverlayFilter
 *    with the hat → back to the same endpoint), each fed by a werift peer that sends the moving
 *    astronaut as VP8 640x480@30 and answers keyframe requests as a browser does
 *    (e2e/media/loopback-peers-process.ts, a child process: this process's CPU is the engine's).
 *    Output fps is what each receiving peer counts over a steady window after a warm-up;
 *    added latency is VP8 unit in from the endpoint → VP8 unit out to it, in the engine; the hat
 *    is checked in the filter's output pictures (crown region hat-green over the true face of
 *    the astronaut frame the peer sent, recognised by its bytes);
 *  - the same pipeline without the face filter's work (a FaceOverlayFilter with no image: decode
 *    and encode, no detection, no drawing) run right before each Magic Mirror figure, so a drop
 *    the baseline shares is the machine's load, not the filter's;
 *  - concurrent sessions: 1, 2, 3, 4, 6, 8... until the slowest Magic Mirror session falls below
 *    25 fps, then the counts skipped below that one.
 * The face detector is started before the sessions (a server's first session pays that once).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { EncodedStreamFile } from '../e2e/media/loopback-peers-process.ts';
import '../engine/elements/index.ts';
import type { FaceOverlayFilter } from '../engine/elements/vision/face-overlay-filter.ts';
import { hatShare, watchOutput } from '../engine/elements/vision/test-support.ts';
import type { WebRtcEndpoint } from '../engine/elements/webrtc/web-rtc-endpoint.ts';
import { inlet } from '../engine/media/media-inlet.ts';
import { mediaStats } from '../engine/media/media-stats.ts';
import type { EncodedUnit } from '../engine/media/media-unit.ts';
import { DEFAULT_ENCODER_SETTINGS } from '../engine/media/unit-encoder.ts';
import { VideoEncoder } from '../engine/media/video-encoder.ts';
import { MediaPipeline } from '../engine/model/media-pipeline.ts';
import { until } from '../engine/webrtc/test-support.ts';
import { FaceDetectionService } from '../engine/vision/face-detection-service.ts';
import type { Detection } from '../engine/vision/face.ts';
import { openDetectionSession, sharedFaceDetection } from '../engine/vision/shared-services.ts';
import { AstronautScene, placementAt, trueFace } from '../engine/vision/test-scene.ts';
import type { TfBackendName } from '../engine/vision/tf-backend.ts';

const FPS = 30;
/** The astronaut's path: 5 s, the last sixth without a face. */
const LOOP = 150;
/** A keyframe each second, as Chrome sends; a keyframe request is answered at once (the peer jumps to one). */
const KEYFRAME_EVERY = 30;
/** What Chrome's estimate toward werift settles at for 640x480 (MEDIA-NOTES.md). */
const STREAM_KBPS = 500;
/** The peers' warm-up (loopback-peers-process.ts) before the counted window. */
const WARMUP_MS = 2000;
const WINDOW_SECONDS = 8;
const MAX_SESSIONS = Number(process.env.FLUO_BENCH_VISION_MAX_SESSIONS ?? 16);
const PEERS_PROCESS = join(import.meta.dirname, '../e2e/media/loopback-peers-process.ts');
const round = (n: number): number => Math.round(n * 10) / 10;
const hashOf = (data: Buffer): string => createHash('sha1').update(data).digest('base64');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchVision(): Promise<Record<string, number>> {
  const loadAtStart = round(loadavg()[0]!);
  const scene = await AstronautScene.load();
  const dir = await mkdtemp(join(tmpdir(), 'fluo-bench-vision-'));
  try {
    const detector: Record<string, number> = {};
    for (const prefer of ['wasm', 'tensorflow'] as const) Object.assign(detector, await detectorFigures(scene, prefer));
    const stream = await astronautStream(scene);
    const file = join(dir, 'astronaut.json');
    await writeFile(file, JSON.stringify(stream));
    const frameIndex = new Map(stream.frames.map((f, i) => [hashOf(Buffer.from(f.data, 'base64')), i]));
    return { ...detector, ...(await sessionFigures({ file, frameIndex })), loadAverage1mAtStart: loadAtStart, loadAverage1m: round(loadavg()[0]!) };
  } finally {
    scene.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Detector speed on one backend: 40 frames, one at a time. Skipped when the backend is absent. */
async function detectorFigures(scene: AstronautScene, prefer: TfBackendName): Promise<Record<string, number>> {
  const service = new FaceDetectionService({ prefer, log: () => {} });
  try {
    await service.ready;
    if (service.backend !== prefer) return {};
    const roundTrips: number[] = [];
    let found = 0;
    const frames = 40;
    // CPU time of the whole process (the worker does nearly all of it): a figure the other
    // tenants of a shared machine do not inflate the way they inflate wall-clock times.
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < frames; i++) {
      const frame = await scene.frame(640, 480, placementAt(i * 3, 120), i * 100_000);
      const started = performance.now();
      const detection = await new Promise<Detection>((resolve, reject) => {
        const session = service.open({
          params: () => ({ minScore: 0.5, maxFaces: 4 }),
          onResult: (d) => {
            session.close();
            resolve(d);
          },
          onError: reject,
        });
        session.offer(frame, i * 100_000);
      });
      frame.free();
      if (i >= 5) roundTrips.push(performance.now() - started); // after warm-up
      // Right when it finds the one face in a frame that has one, and nothing in a frame without.
      if (detection.faces.length === (placementAt(i * 3, 120) ? 1 : 0)) found++;
    }
    const c = service.counters;
    const cpu = process.cpuUsage(cpuStart);
    return {
      [`detector_${prefer}_processCpuMsPerFrame`]: round((cpu.user + cpu.system) / 1000 / frames),
      [`detector_${prefer}_msPerFrame`]: round(c.workerMs / c.analysed),
      [`detector_${prefer}_conversionMsPerFrame`]: round(c.conversionMs / c.analysed),
      [`detector_${prefer}_roundTripMsMedian`]: round(percentile(roundTrips, 50)),
      [`detector_${prefer}_correctShare`]: round(found / frames),
    };
  } catch {
    return {};
  } finally {
    await service.close();
  }
}

/** The moving astronaut as a VP8 stream file for the peers (one loop, a keyframe each second). */
async function astronautStream(scene: AstronautScene): Promise<EncodedStreamFile> {
  const encoder = new VideoEncoder('VP8', { ...DEFAULT_ENCODER_SETTINGS, bitrate: STREAM_KBPS * 1000 });
  const units: EncodedUnit[] = [];
  try {
    for (let i = 0; i < LOOP; i++) {
      const timestampUs = Math.round((i * 1e6) / FPS);
      units.push(...(await encoder.encode(await scene.frame(640, 480, placementAt(i, LOOP), timestampUs), timestampUs, i % KEYFRAME_EVERY === 0)));
    }
  } finally {
    encoder.close();
  }
  if (units.length !== LOOP) throw new Error(`the VP8 encoder gave ${units.length} units for ${LOOP} astronaut frames`);
  return { fps: FPS, frames: units.map((u) => ({ keyframe: u.keyframe, data: u.data.toString('base64') })) };
}

type Mode = 'mirror' | 'baseline';

/** The peers' stream: its file, and each frame's loop index by the hash of its bytes. */
interface Stream {
  file: string;
  frameIndex: Map<string, number>;
}

interface PeerResult {
  sent: number;
  received: number;
  connected: boolean;
}

/** What the taps in the engine collect while the window is open. */
interface Window {
  open: boolean;
  latencies: number[];
  filterMs: number[];
  /** Output frames whose astronaut has a face, and those with the hat in place over it. */
  withFace: number;
  hatInPlace: number;
}

interface ScenarioResult {
  /** Frames each receiving peer counted per second of the window. */
  fps: number[];
  /** Frames each peer sent per second of the window (the source's own rate). */
  sourceFps: number[];
  /** VP8 unit in from the endpoint → VP8 unit out to it, ms, every frame of the window. */
  latencies: number[];
  /** The filters' own time per frame on the event loop (copy, track, draw, offer), ms. */
  filterMs: number[];
  /** Share of output frames with a face that wear the hat in place (NaN for the baseline). */
  hatInPlaceShare: number;
  detectionsPerSecond: number;
  /** Engine process CPU (every thread) per frame the peers received, ms. */
  cpuMsPerFrame: number;
  eventLoopLagMsP99: number;
  eventLoopLagMsMax: number;
  /** Frames the engine's codec stages dropped in the window (busy: keep-newest; decoder restarts). */
  framesDropped: number;
}

/** One Magic Mirror (or baseline) pipeline per peer, all at once; measures the peers' steady window. */
async function scenario(mode: Mode, count: number, stream: Stream): Promise<ScenarioResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', PEERS_PROCESS, stream.file], { stdio: ['pipe', 'pipe', 'inherit'] });
  const answers = new Map<number, (sdp: string) => void>();
  let resolveResult: (peers: PeerResult[]) => void = () => undefined;
  const peersResult = new Promise<PeerResult[]>((resolve) => (resolveResult = resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as { type: string; id: number; sdp: string; peers: PeerResult[] };
    if (message.type === 'answer') answers.get(message.id)?.(message.sdp);
    else if (message.type === 'result') resolveResult(message.peers);
  });
  const send = (message: object): void => void child.stdin.write(`${JSON.stringify(message)}\n`);
  const pipeline = new MediaPipeline();
  const window: Window = { open: false, latencies: [], filterMs: [], withFace: 0, hatInPlace: 0 };
  try {
    // One session after the other: simultaneous DTLS handshakes in JS on 2 busy cores time out.
    for (let id = 0; id < count; id++) {
      const endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
      const filter = pipeline.create('FaceOverlayFilter') as FaceOverlayFilter;
      if (mode === 'mirror') await filter.setOverlayedImage('asset:hat.png', -0.35, -1.2, 1.6, 1.6);
      endpoint.connect(filter, 'VIDEO');
      filter.connect(endpoint, 'VIDEO');
      tap(endpoint, filter, mode, stream, window);
      const offer = await endpoint.generateOffer({ offerToReceiveAudio: false, offerToReceiveVideo: true });
      const answer = new Promise<string>((resolve) => answers.set(id, resolve));
      send({ type: 'offer', id, sdp: offer });
      await endpoint.processAnswer(await answer);
      await until(() => endpoint.getProperty('connectionState') === 'CONNECTED', `${mode} session ${id} connected`, 20_000, 20);
    }
    send({ type: 'run', seconds: WINDOW_SECONDS });
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const detectionsBefore = sharedFaceDetection()?.counters.analysed ?? 0;
    const droppedBefore = mediaStats.droppedFrames;
    const cpuStart = process.cpuUsage();
    window.open = true;
    await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000));
    window.open = false;
    const cpu = process.cpuUsage(cpuStart);
    lag.disable();
    const detections = (sharedFaceDetection()?.counters.analysed ?? 0) - detectionsBefore;
    const framesDropped = mediaStats.droppedFrames - droppedBefore;
    const peers = await peersResult;
    if (peers.length !== count || peers.some((p) => !p.connected)) throw new Error(`${mode}: ${peers.filter((p) => p.connected).length} of ${count} peers stayed connected`);
    const received = peers.reduce((sum, p) => sum + p.received, 0);
    return {
      fps: peers.map((p) => p.received / WINDOW_SECONDS),
      sourceFps: peers.map((p) => p.sent / WINDOW_SECONDS),
      latencies: window.latencies,
      filterMs: window.filterMs,
      hatInPlaceShare: mode === 'mirror' ? window.hatInPlace / Math.max(1, window.withFace) : Number.NaN,
      detectionsPerSecond: detections / WINDOW_SECONDS,
      cpuMsPerFrame: (cpu.user + cpu.system) / 1000 / Math.max(1, received),
      eventLoopLagMsP99: lag.percentile(99) / 1e6,
      eventLoopLagMsMax: lag.max / 1e6,
      framesDropped,
    };
  } finally {
    pipeline.release();
    child.kill();
  }
}

/**
 * Taps one session while the window is open: each frame's time from the endpoint's VP8 unit to
 * the filter's VP8 unit of the same timestamp (the encoder the endpoint's sink shares), the
 * filter's own time per frame, and (Magic Mirror) whether the picture the filter published wears
 * the hat over the face of the astronaut frame the peer sent (known by the unit's bytes).
 */
function tap(endpoint: WebRtcEndpoint, filter: FaceOverlayFilter, mode: Mode, stream: Stream, window: Window): void {
  const arrived = new Map<number, { at: number; index: number | undefined }>();
  endpoint.getOutlet('VIDEO')!.attach(
    inlet('VIDEO', { encoded: ['VP8'] }, (unit) => {
      if (!window.open || unit.kind !== 'encoded') return;
      arrived.set(unit.timestampUs, { at: performance.now(), index: mode === 'mirror' ? stream.frameIndex.get(hashOf(unit.data)) : undefined });
      if (arrived.size > 4 * FPS) arrived.delete(arrived.keys().next().value!);
    }),
  );
  filter.getOutlet('VIDEO')!.attach(
    inlet('VIDEO', { encoded: ['VP8'] }, (unit) => {
      const sent = arrived.get(unit.timestampUs);
      if (window.open && sent) window.latencies.push(performance.now() - sent.at);
    }),
  );
  if (mode === 'mirror') {
    // The filter's pictures as it publishes them (raw: no extra codec).
    watchOutput(filter, (unit) => {
      const index = arrived.get(unit.timestampUs)?.index;
      const placement = index === undefined ? null : placementAt(index, LOOP);
      if (!window.open || !placement) return;
      window.withFace++;
      if (hatShare(unit.frame, trueFace(placement)) > 0.5) window.hatInPlace++;
    });
  }
  const sink = filter.getInlet('VIDEO')!;
  const receive = sink.receive.bind(sink);
  sink.receive = (unit) => {
    const started = performance.now();
    receive(unit);
    if (window.open) window.filterMs.push(performance.now() - started);
  };
}

/** Figures of one scenario under a prefix (e.g. mirror1, baseline3). */
function figures(prefix: string, r: ScenarioResult): Record<string, number> {
  return {
    [`${prefix}_slowestOutputFps`]: round(Math.min(...r.fps)),
    [`${prefix}_meanOutputFps`]: round(r.fps.reduce((a, b) => a + b, 0) / r.fps.length),
    [`${prefix}_slowestSourceFps`]: round(Math.min(...r.sourceFps)),
    [`${prefix}_addedLatencyMsP50`]: round(percentile(r.latencies, 50)),
    [`${prefix}_addedLatencyMsP95`]: round(percentile(r.latencies, 95)),
    [`${prefix}_framesDroppedByEngine`]: r.framesDropped,
  };
}

/**
 * Baseline then Magic Mirror for 1, 2, 3, 4, 6, 8... sessions until the slowest Magic Mirror
 * session falls below 25 fps (at most MAX_SESSIONS), then the counts skipped below that one.
 * One session gets the detailed figures.
 */
async function sessionFigures(stream: Stream): Promise<Record<string, number>> {
  // Hold the shared detector from start to end: its start-up is not part of any window.
  const warm = openDetectionSession({ params: () => ({ minScore: 0.5, maxFaces: 1 }), onResult: () => undefined, onError: () => undefined });
  try {
    await sharedFaceDetection()!.ready;
    const out: Record<string, number> = {};
    const mirrorHolds = new Map<number, boolean>();
    const baselineHolds = new Map<number, boolean>();
    const measure = async (count: number): Promise<boolean> => {
      const baseline = await scenario('baseline', count, stream);
      const mirror = await scenario('mirror', count, stream);
      Object.assign(out, figures(`baseline${count}`, baseline), figures(`mirror${count}`, mirror));
      out[`mirror${count}_detectionsPerSecondPerSession`] = round(mirror.detectionsPerSecond / count);
      out[`mirror${count}_hatInPlaceShare`] = Math.round(mirror.hatInPlaceShare * 1000) / 1000;
      if (count === 1) {
        Object.assign(out, {
          mirror1_filterMsPerFrameMean: round(mirror.filterMs.reduce((a, b) => a + b, 0) / Math.max(1, mirror.filterMs.length)),
          mirror1_eventLoopLagMsP99: round(mirror.eventLoopLagMsP99),
          mirror1_eventLoopLagMsMax: round(mirror.eventLoopLagMsMax),
          baseline1_eventLoopLagMsP99: round(baseline.eventLoopLagMsP99),
          // Everything the engine process does per frame (werift, decode, filter, encode, detection).
          mirror1_engineCpuMsPerFrame: round(mirror.cpuMsPerFrame),
          baseline1_engineCpuMsPerFrame: round(baseline.cpuMsPerFrame),
        });
      }
      baselineHolds.set(count, Math.min(...baseline.fps) >= 25);
      mirrorHolds.set(count, Math.min(...mirror.fps) >= 25);
      return mirrorHolds.get(count)!;
    };
    let passed = 0;
    let failed: number | undefined;
    for (let count = 1; count <= MAX_SESSIONS; count += count < 4 ? 1 : 2) {
      if (!(await measure(count))) {
        failed = count;
        break;
      }
      passed = count;
    }
    for (let count = passed + 1; failed !== undefined && count < failed; count++) {
      if (!(await measure(count))) break;
    }
    // Sessions held: the largest count measured with it and every smaller count measured holding.
    const held = (holds: Map<number, boolean>): number => {
      let n = 0;
      for (const [count, ok] of [...holds].sort((a, b) => a[0] - b[0])) {
        if (!ok) break;
        n = count;
      }
      return n;
    };
    return { ...out, sessionsAtOrAbove25Fps: held(mirrorHolds), baselineSessionsAtOrAbove25Fps: held(baselineHolds) };
  } finally {
    warm.close();
  }
}
