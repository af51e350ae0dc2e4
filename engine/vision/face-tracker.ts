/**
 * Keeps faces steady between detections. Each face is a track matched to new detections by
 * box overlap; its centre, size and keypoints (relative to the centre) go through adaptive
 * alpha-beta filters (small movements smoothed, large ones followed at once: no jitter, no visible
 * lag, even at a few detections per second), and between detections the position is extrapolated
 * with the estimated velocity to the timestamp of the frame being drawn, which also hides the
 * detector's latency.
 */
import { KEYPOINT_NAMES, iou, type Detection, type Face, type KeypointName, type Point } from './face.ts';

/**
 * An alpha-beta (g-h) filter on one scalar with an adaptive gain: a residual that is small next
 * to the face (`scale`) is mostly noise and is smoothed away; a large one is motion and is
 * followed at once. The velocity feeds the extrapolation between detections. Time in seconds.
 */
export class AdaptiveAlphaBeta {
  private x: number | undefined;
  private v = 0;
  private t = 0;

  constructor(
    /** Gain for a zero residual (0..1, lower is smoother). */
    private readonly minGain: number,
    /** Residual, as a fraction of `scale`, at which the gain reaches 1. */
    private readonly followAt: number,
    /** Velocity gain (0..1). */
    private readonly velocityGain: number,
    /** Largest speed, in `scale` units per second. */
    private readonly maxSpeed: number,
  ) {}

  get velocity(): number {
    return this.v;
  }

  get value(): number {
    return this.x ?? 0;
  }

  update(z: number, t: number, scale: number): number {
    if (this.x === undefined || t <= this.t) {
      this.x = z;
      this.t = t;
      return z;
    }
    const dt = t - this.t;
    const predicted = this.x + this.v * dt;
    const residual = z - predicted;
    const relative = Math.abs(residual) / (this.followAt * scale);
    const gain = this.minGain + (1 - this.minGain) * Math.min(1, relative);
    this.x = predicted + gain * residual;
    const limit = this.maxSpeed * scale;
    this.v = Math.max(-limit, Math.min(limit, this.v + (this.velocityGain * gain * residual) / dt));
    this.t = t;
    return this.x;
  }
}

export interface TrackerOptions {
  /** Smoothing gain for still faces (0..1; lower is steadier). */
  minGain?: number;
  /** Movement (fraction of the face width) followed without smoothing. */
  followAt?: number;
  /** Velocity gain (0..1). */
  velocityGain?: number;
  /** A track is dropped after this many detections in a row without it. */
  maxMisses?: number;
  /** ... or when not seen for this long (µs). */
  maxAgeUs?: number;
  /** Extrapolation beyond the last detection is capped here (µs). */
  maxPredictUs?: number;
}

// Values per track: cx, cy, w, h, then (dx, dy) of each keypoint from the centre.
const N = 4 + 2 * KEYPOINT_NAMES.length;

class Track {
  private readonly filters: AdaptiveAlphaBeta[];
  readonly state = new Float64Array(N);
  lastUs = 0;
  misses = 0;
  score = 0;

  constructor(options: Required<TrackerOptions>, face: Face, timestampUs: number) {
    this.filters = Array.from({ length: N }, () => new AdaptiveAlphaBeta(options.minGain, options.followAt, options.velocityGain, 4));
    this.update(face, timestampUs);
  }

  update(face: Face, timestampUs: number): void {
    // Residuals are judged against the face size, so one setting suits near and far faces.
    const scale = face.width || 1;
    const values = toVector(face);
    const t = timestampUs / 1e6;
    for (let i = 0; i < N; i++) this.state[i] = this.filters[i]!.update(values[i]!, t, scale);
    this.lastUs = timestampUs;
    this.misses = 0;
    this.score = face.score;
  }

  /** The face at `timestampUs`, extrapolated from the last update by the filtered velocity. */
  at(timestampUs: number, maxPredictUs: number): Face {
    const dt = Math.min(Math.max(0, timestampUs - this.lastUs), maxPredictUs) / 1e6;
    const v = new Float64Array(N);
    // Only position and size move on their own; keypoint offsets follow the box.
    for (let i = 0; i < N; i++) v[i] = this.state[i]! + (i < 4 ? this.filters[i]!.velocity * dt : 0);
    return fromVector(v, this.score);
  }
}

function toVector(face: Face): Float64Array {
  const v = new Float64Array(N);
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height / 2;
  v.set([cx, cy, face.width, face.height]);
  KEYPOINT_NAMES.forEach((name, k) => {
    v[4 + 2 * k] = face.keypoints[name].x - cx;
    v[5 + 2 * k] = face.keypoints[name].y - cy;
  });
  return v;
}

function fromVector(v: Float64Array, score: number): Face {
  const [cx, cy, w, h] = v as unknown as [number, number, number, number];
  const keypoints = {} as Record<KeypointName, Point>;
  KEYPOINT_NAMES.forEach((name, k) => {
    keypoints[name] = { x: cx + v[4 + 2 * k]!, y: cy + v[5 + 2 * k]! };
  });
  return { x: cx - w / 2, y: cy - h / 2, width: w, height: h, score, keypoints };
}

export class FaceTracker {
  private tracks: Track[] = [];
  private readonly options: Required<TrackerOptions>;

  // Defaults chosen by sweeping synthetic runs (see face-tracker.test.ts) and the astronaut path
  // with the detection rates and latencies measured here. A face goes at the first detection
  // that does not see it (a face that left must not keep its hat while a slow detector catches
  // up; BlazeFace rarely misses a face it saw a moment ago) or after 1 s without any detection
  // (a detector starved of CPU must not make overlays blink).
  constructor(options: TrackerOptions = {}) {
    this.options = { minGain: 0.2, followAt: 0.1, velocityGain: 1, maxMisses: 1, maxAgeUs: 1_000_000, maxPredictUs: 350_000, ...options };
  }

  get size(): number {
    return this.tracks.length;
  }

  /** Feeds one detection result (faces found in the frame at `detection.timestampUs`). */
  update(detection: Detection): void {
    const t = detection.timestampUs;
    this.forgetIfTimeJumpedBack(t);
    const predicted = this.tracks.map((track) => track.at(t, this.options.maxPredictUs));
    const unmatched = new Set(this.tracks);
    // Greedy matching, best overlap first.
    const pairs: { track: Track; face: Face; overlap: number }[] = [];
    this.tracks.forEach((track, i) => {
      for (const face of detection.faces) {
        const overlap = iou(predicted[i]!, face);
        if (overlap > 0.1) pairs.push({ track, face, overlap });
      }
    });
    pairs.sort((a, b) => b.overlap - a.overlap);
    const usedFaces = new Set<Face>();
    for (const { track, face } of pairs) {
      if (!unmatched.has(track) || usedFaces.has(face)) continue;
      track.update(face, t);
      unmatched.delete(track);
      usedFaces.add(face);
    }
    for (const track of unmatched) track.misses++;
    for (const face of detection.faces) if (!usedFaces.has(face)) this.tracks.push(new Track(this.options, face, t));
    this.tracks = this.tracks.filter((track) => track.misses < this.options.maxMisses && t - track.lastUs <= this.options.maxAgeUs);
  }

  /** Faces to draw on the frame at `timestampUs`; stale tracks are dropped. */
  facesAt(timestampUs: number): Face[] {
    this.forgetIfTimeJumpedBack(timestampUs);
    this.tracks = this.tracks.filter((track) => timestampUs - track.lastUs <= this.options.maxAgeUs);
    return this.tracks.map((track) => track.at(timestampUs, this.options.maxPredictUs));
  }

  clear(): void {
    this.tracks = [];
  }

  /** A source that restarts or seeks sends earlier timestamps: what was tracked no longer applies. */
  private forgetIfTimeJumpedBack(timestampUs: number): void {
    if (this.tracks.some((track) => track.lastUs - timestampUs > this.options.maxAgeUs)) this.tracks = [];
  }
}
