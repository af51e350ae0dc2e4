/**
 * Frame analysis beside the video (face detection, code scanning): workers (worker_threads) that
 * each analyse one frame at a time, and sessions, one per filter. A session offers every frame;
 * only the newest waits while its previous frame is being analysed, older ones are dropped, so
 * analysis runs at its own pace and the video never waits for it. A frame is converted (scaled
 * to RGB, or grey) only when a worker takes it, on libuv's pool, into a pooled ArrayBuffer that
 * is transferred to the worker and back. The conversion reads the frame's range and matrix
 * (FrameConverter), so full- and limited-range video look the same to the analysers.
 */
import { Worker } from 'node:worker_threads';
import type { Frame } from 'node-av';
import { FrameConverter } from './frame-converter.ts';
import type { FromWorker, ToWorker } from './frame-worker-protocol.ts';

const WORKER_ENTRY = new URL('./worker-entry.js', import.meta.url);

/** What the service knows about an analysed frame when its result comes back. */
export interface JobInfo {
  timestampUs: number;
  frameWidth: number;
  frameHeight: number;
  /** Size of the converted image the worker saw. */
  width: number;
  height: number;
  /** Milliseconds the worker spent on it. */
  ms: number;
}

export interface AnalysisKind<O, R> {
  /** For messages and the log line, e.g. 'face detector'. */
  name: string;
  /** The worker module (run through worker-entry.js, which loads TypeScript). */
  module: URL;
  /** Passed to the worker's setup. */
  init?: unknown;
  /** Largest converted image, in bytes (the size of the pooled buffers). */
  bufferBytes: number;
  /** Converts a frame to the worker's input (runs on libuv's pool through the converter). */
  prepare(converter: FrameConverter, frame: Frame): Promise<{ data: Buffer; width: number; height: number }>;
  /** Turns the worker's output into the session's result (e.g. back to frame pixels). */
  finish(output: O, job: JobInfo): R;
}

export interface ServiceSettings {
  /** Workers (each analyses one frame at a time). Default 1. */
  workers?: number;
  /** Where the ready line goes; default stderr (console.error): stdout carries `fluo run`'s events and the benches' JSON. */
  log?: (line: string) => void;
}

export interface SessionOptions<P, R> {
  /** Read at each dispatch, so property changes apply to the next frame. */
  params: () => P;
  onResult: (result: R) => void;
  /** The analyser failed (model missing, worker died): the filter reports it and passes video on. */
  onError: (message: string) => void;
}

export interface ServiceCounters {
  offered: number;
  dropped: number;
  analysed: number;
  /** Total ms spent converting frames (libuv pool, off the event loop). */
  conversionMs: number;
  /** Total ms spent in the workers. */
  workerMs: number;
}

interface WorkerSlot {
  worker: Worker;
  converter: FrameConverter;
  busy: boolean;
  /** The conversion running on libuv's pool: the converter must outlive it. */
  converting?: Promise<unknown>;
}

export class AnalysisSession<P, R> {
  /** A reference to the newest frame not analysed yet. */
  pending: { frame: Frame; timestampUs: number } | undefined;
  inFlight = false;
  lastDispatch = 0;
  closed = false;

  constructor(
    private readonly service: FrameAnalysisService<P, unknown, R>,
    readonly options: SessionOptions<P, R>,
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

export class FrameAnalysisService<P, O, R> {
  private readonly slots: WorkerSlot[] = [];
  private readonly sessions = new Set<AnalysisSession<P, R>>();
  private readonly inFlight = new Map<number, { session: AnalysisSession<P, R>; slot: WorkerSlot; info: Omit<JobInfo, 'ms'> }>();
  private readonly buffers: ArrayBuffer[] = [];
  private nextId = 1;
  private closed = false;
  private failure: string | undefined;
  readonly counters: ServiceCounters = { offered: 0, dropped: 0, analysed: 0, conversionMs: 0, workerMs: 0 };
  /** What the workers run on (from their ready message), once ready. */
  description: string | undefined;
  info: Record<string, unknown> = {};
  /** Resolves when every worker is ready; rejects with the reason if one cannot start. */
  readonly ready: Promise<void>;

  constructor(
    private readonly kind: AnalysisKind<O, R>,
    private readonly settings: ServiceSettings = {},
  ) {
    const readiness: Promise<void>[] = [];
    for (let i = 0; i < Math.max(1, settings.workers ?? 1); i++) {
      const worker = new Worker(WORKER_ENTRY, { workerData: { module: kind.module.href, init: kind.init } });
      worker.unref();
      const slot: WorkerSlot = { worker, converter: new FrameConverter(), busy: true };
      this.slots.push(slot);
      readiness.push(this.watch(slot));
    }
    this.ready = Promise.all(readiness).then(() => undefined);
    this.ready.catch(() => undefined);
  }

  get failed(): string | undefined {
    return this.failure;
  }

  /** True when no frame is being analysed or waiting (tests use it to pace video by detection). */
  get idle(): boolean {
    return this.inFlight.size === 0 && this.slots.every((s) => !s.busy) && [...this.sessions].every((s) => !s.pending);
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  open(options: SessionOptions<P, R>): AnalysisSession<P, R> {
    const session = new AnalysisSession<P, R>(this as FrameAnalysisService<P, unknown, R>, options);
    this.sessions.add(session);
    const failure = this.failure;
    if (failure) queueMicrotask(() => options.onError(failure));
    return session;
  }

  forget(session: AnalysisSession<P, R>): void {
    this.sessions.delete(session);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const session of [...this.sessions]) session.close();
    await Promise.all(
      this.slots.map(async (slot) => {
        await slot.converting?.catch(() => undefined);
        slot.converter.close();
        await slot.worker.terminate();
      }),
    );
  }

  /** Hands waiting frames to free workers, the session waiting longest first. */
  pump(): void {
    if (this.closed || this.failure) return;
    for (const slot of this.slots) {
      if (slot.busy) continue;
      let next: AnalysisSession<P, R> | undefined;
      for (const s of this.sessions) {
        if (s.pending && !s.inFlight && (!next || s.lastDispatch < next.lastDispatch)) next = s;
      }
      if (!next) return;
      void this.dispatch(slot, next);
    }
  }

  // ---- internals -------------------------------------------------------------

  private async dispatch(slot: WorkerSlot, session: AnalysisSession<P, R>): Promise<void> {
    const { frame, timestampUs } = session.pending!;
    session.pending = undefined;
    session.inFlight = true;
    session.lastDispatch = performance.now();
    slot.busy = true;
    const { width: frameWidth, height: frameHeight } = frame;
    const started = performance.now();
    let prepared: { data: Buffer; width: number; height: number };
    try {
      const converting = this.kind.prepare(slot.converter, frame);
      slot.converting = converting;
      prepared = await converting;
    } catch (error) {
      session.inFlight = false;
      slot.busy = false;
      session.options.onError(`${this.kind.name}: cannot convert a ${frameWidth}x${frameHeight} frame: ${(error as Error).message}`);
      return;
    } finally {
      frame.free();
    }
    this.counters.conversionMs += performance.now() - started;
    if (this.closed) return;
    const buffer = this.buffers.pop() ?? new ArrayBuffer(this.kind.bufferBytes);
    prepared.data.copy(new Uint8Array(buffer));
    const id = this.nextId++;
    this.inFlight.set(id, { session, slot, info: { timestampUs, frameWidth, frameHeight, width: prepared.width, height: prepared.height } });
    const message: ToWorker<P> = { type: 'job', id, data: buffer, width: prepared.width, height: prepared.height, params: session.options.params() };
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
      slot.worker.on('message', (message: FromWorker<O>) => {
        if (message.type === 'ready') {
          this.description = message.description;
          this.info = message.info ?? {};
          (this.settings.log ?? console.error)(`[fluo vision] ${this.kind.name} ready on ${message.description}`);
          slot.busy = false;
          resolve();
          this.pump();
        } else if (message.type === 'failed') {
          fail(`${this.kind.name} unavailable: ${message.message}`);
        } else {
          this.settle(message);
        }
      });
      slot.worker.on('error', (error) => fail(`${this.kind.name} worker crashed: ${error.message}`));
      slot.worker.on('exit', (code) => {
        if (!this.closed) fail(`${this.kind.name} worker exited (code ${code})`);
      });
    });
  }

  private settle(message: Extract<FromWorker<O>, { type: 'result' | 'error' }>): void {
    if (message.data.byteLength === this.kind.bufferBytes) this.buffers.push(message.data);
    const job = this.inFlight.get(message.id);
    if (!job) return;
    this.inFlight.delete(message.id);
    job.slot.busy = false;
    job.session.inFlight = false;
    if (!job.session.closed) {
      if (message.type === 'error') {
        job.session.options.onError(`${this.kind.name} failed on a frame: ${message.message}`);
      } else {
        this.counters.analysed++;
        this.counters.workerMs += message.ms;
        job.session.options.onResult(this.kind.finish(message.output, { ...job.info, ms: message.ms }));
      }
    }
    this.pump();
  }
}
