/**
 * Face detection beside the video: detector workers (worker_threads, each owning TensorFlow.js)
 * and sessions, one per filter. A session offers every frame; only the newest waits while its
 * previous frame is being analysed, older ones are dropped, so detection runs at its own pace
 * and the video never waits for it. A frame is downscaled to RGB (longer side 256) only when a
 * worker takes it, into a pooled ArrayBuffer that is transferred to the worker and back.
 */
import { Worker } from 'node:worker_threads';
import { Scaler, type Frame } from 'node-av';
import { BLAZEFACE_INPUT } from './blazeface-decode.ts';
import type { DetectorInit, FromWorker, ToWorker } from './detector-protocol.ts';
import { scaleFace, type Detection } from './face.ts';
import type { TfBackendName } from './tf-backend.ts';

const WORKER_ENTRY = new URL('./detector-worker-entry.js', import.meta.url);

export interface ServiceOptions extends DetectorInit {
  /** Detector workers (each runs one inference at a time). Default 1. */
  workers?: number;
  /** Where the backend log line goes; default console.info. */
  log?: (line: string) => void;
}

export interface SessionOptions {
  minScore?: number;
  maxFaces?: number;
  onDetection: (detection: Detection) => void;
  /** The detector failed (model missing, worker died): the filter reports it and passes video on. */
  onError: (message: string) => void;
}

export interface ServiceCounters {
  offered: number;
  dropped: number;
  detected: number;
  /** Total ms spent downscaling frames to RGB on the event loop side (libuv pool). */
  conversionMs: number;
  inferenceMs: number;
}

interface WorkerSlot {
  worker: Worker;
  scaler: Scaler;
  busy: boolean;
}

interface InFlight {
  session: DetectionSession;
  slot: WorkerSlot;
  timestampUs: number;
  frameWidth: number;
  frameHeight: number;
  scaleX: number;
  scaleY: number;
}

export class DetectionSession {
  /** A reference to the newest frame not analysed yet. */
  pending: { frame: Frame; timestampUs: number } | undefined;
  inFlight = false;
  lastDispatch = 0;
  closed = false;

  constructor(
    private readonly service: FaceDetectionService,
    readonly options: SessionOptions,
  ) {}

  /** Offers a frame (valid only during this call; a reference is kept if it has to wait). */
  offer(frame: Frame, timestampUs: number): void {
    if (this.closed) return;
    this.service.counters.offered++;
    if (this.pending) {
      this.pending.frame.free();
      this.service.counters.dropped++;
    }
    const ref = frame.clone();
    this.pending = ref ? { frame: ref, timestampUs } : undefined;
    this.service.pump();
  }

  close(): void {
    this.closed = true;
    this.pending?.frame.free();
    this.pending = undefined;
    this.service.forget(this);
  }
}

export class FaceDetectionService {
  private readonly slots: WorkerSlot[] = [];
  private readonly sessions = new Set<DetectionSession>();
  private readonly inFlight = new Map<number, InFlight>();
  private readonly buffers: ArrayBuffer[] = [];
  private nextId = 1;
  private closed = false;
  private failure: string | undefined;
  readonly counters: ServiceCounters = { offered: 0, dropped: 0, detected: 0, conversionMs: 0, inferenceMs: 0 };
  /** Which TensorFlow.js backend the workers use, once ready. */
  backend: TfBackendName | undefined;
  backendDescription: string | undefined;
  /** Resolves when every worker has loaded the model; rejects with the reason if one cannot. */
  readonly ready: Promise<void>;

  constructor(private readonly options: ServiceOptions = {}) {
    const count = Math.max(1, options.workers ?? 1);
    const readiness: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const worker = new Worker(WORKER_ENTRY, { workerData: { modelPath: options.modelPath, prefer: options.prefer } satisfies DetectorInit });
      worker.unref();
      const slot: WorkerSlot = { worker, scaler: new Scaler(), busy: true };
      this.slots.push(slot);
      readiness.push(this.watch(slot));
    }
    this.ready = Promise.all(readiness).then(() => undefined);
    this.ready.catch(() => undefined);
  }

  get failed(): string | undefined {
    return this.failure;
  }

  open(options: SessionOptions): DetectionSession {
    const session = new DetectionSession(this, options);
    this.sessions.add(session);
    if (this.failure) queueMicrotask(() => options.onError(this.failure!));
    return session;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  forget(session: DetectionSession): void {
    this.sessions.delete(session);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const session of [...this.sessions]) session.close();
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.scaler[Symbol.dispose]();
        await slot.worker.terminate();
      }),
    );
  }

  /** Hands waiting frames to free workers, the session waiting longest first. */
  pump(): void {
    if (this.closed || this.failure) return;
    for (const slot of this.slots) {
      if (slot.busy) continue;
      let next: DetectionSession | undefined;
      for (const s of this.sessions) {
        if (s.pending && !s.inFlight && (!next || s.lastDispatch < next.lastDispatch)) next = s;
      }
      if (!next) return;
      void this.dispatch(slot, next);
    }
  }

  // ---- internals -------------------------------------------------------------

  private async dispatch(slot: WorkerSlot, session: DetectionSession): Promise<void> {
    const { frame, timestampUs } = session.pending!;
    session.pending = undefined;
    session.inFlight = true;
    session.lastDispatch = performance.now();
    slot.busy = true;
    const frameWidth = frame.width;
    const frameHeight = frame.height;
    const fit = BLAZEFACE_INPUT / Math.max(frameWidth, frameHeight);
    const width = Math.max(2, Math.round((frameWidth * fit) / 2) * 2);
    const height = Math.max(2, Math.round((frameHeight * fit) / 2) * 2);
    const started = performance.now();
    let rgb: Buffer;
    try {
      rgb = await slot.scaler.toBuffer(frame, { resize: { width, height }, format: 'rgb' });
    } catch (error) {
      session.inFlight = false;
      slot.busy = false;
      session.options.onError(`face detection: cannot convert a ${frameWidth}x${frameHeight} frame: ${(error as Error).message}`);
      return;
    } finally {
      frame.free();
    }
    this.counters.conversionMs += performance.now() - started;
    if (this.closed) return;
    const buffer = this.buffers.pop() ?? new ArrayBuffer(BLAZEFACE_INPUT * BLAZEFACE_INPUT * 3);
    rgb.copy(new Uint8Array(buffer));
    const id = this.nextId++;
    this.inFlight.set(id, { session, slot, timestampUs, frameWidth, frameHeight, scaleX: frameWidth / width, scaleY: frameHeight / height });
    const minScore = session.options.minScore ?? 0.5;
    const message: ToWorker = { type: 'detect', id, rgb: buffer, width, height, minScore, maxFaces: session.options.maxFaces ?? 8 };
    slot.worker.postMessage(message, [buffer]);
  }

  private watch(slot: WorkerSlot): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (message: string): void => {
        if (!this.failure && !this.closed) {
          this.failure = message;
          for (const session of this.sessions) session.options.onError(message);
        }
        reject(new Error(message));
      };
      slot.worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          this.backend = message.backend;
          this.backendDescription = message.description;
          (this.options.log ?? console.info)(`[fluo vision] face detector ready on TensorFlow.js ${message.description}`);
          slot.busy = false;
          resolve();
          this.pump();
        } else if (message.type === 'failed') {
          fail(`face detection unavailable: ${message.message}`);
        } else {
          this.settle(message);
        }
      });
      slot.worker.on('error', (error) => fail(`face detector worker crashed: ${error.message}`));
      slot.worker.on('exit', (code) => {
        if (!this.closed) fail(`face detector worker exited (code ${code})`);
      });
    });
  }

  private settle(message: Extract<FromWorker, { type: 'result' | 'error' }>): void {
    this.buffers.push(message.rgb);
    const job = this.inFlight.get(message.id);
    if (!job) return;
    this.inFlight.delete(message.id);
    job.slot.busy = false;
    job.session.inFlight = false;
    if (!job.session.closed) {
      if (message.type === 'error') {
        job.session.options.onError(`face detection failed on a frame: ${message.message}`);
      } else {
        this.counters.detected++;
        this.counters.inferenceMs += message.inferenceMs;
        job.session.options.onDetection({
          faces: message.faces.map((f) => scaleFace(f, job.scaleX, job.scaleY)),
          timestampUs: job.timestampUs,
          frameWidth: job.frameWidth,
          frameHeight: job.frameHeight,
          inferenceMs: message.inferenceMs,
        });
      }
    }
    this.pump();
  }
}
