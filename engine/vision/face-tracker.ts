/**
 * Keeps faces steady between detections. Each face is a track matched to new detections by
 * box overlap; its centre, size and keypoints (relative to the centre) go through One-Euro
 * filters (little smoothing when moving, a lot when still: no jitter, no visible lag), and
 * between detections the position is extrapolated with the filtered velocity to the timestamp of
 * the frame being drawn, which also hides the detector's latency.
 */
import { KEYPOINT_NAMES, iou, type Detection, type Face, type KeypointName, type Point } from './face.ts';

/** One-Euro filter (Casiez et al. 2012) on one scalar, time in seconds. */
export class OneEuroFilter {
  private x: number | undefined;
  private dx = 0;
  private t = 0;

  constructor(
    private readonly minCutoff: number,
    private readonly beta: number,
    private readonly dCutoff = 1,
  ) {}

  get velocity(): number {
    return this.dx;
  }

  filter(value: number, t: number): number {
    if (this.x === undefined || t <= this.t) {
      this.x ??= value;
      this.t = t;
      return this.x;
    }
    const dt = t - this.t;
    const alpha = (cutoff: number): number => 1 / (1 + 1 / (2 * Math.PI * cutoff * dt));
    const rawDx = (value - this.x) / dt;
    this.dx += alpha(this.dCutoff) * (rawDx - this.dx);
    this.x += alpha(this.minCutoff + this.beta * Math.abs(this.dx)) * (value - this.x);
    this.t = t;
    return this.x;
  }
}

export interface TrackerOptions {
  /** Hz; lower is smoother when still. */
  minCutoff?: number;
  /** Per face-width-per-second of speed; higher follows fast moves more closely. */
  beta?: number;
  /** Hz; cutoff of the velocity estimate used for extrapolation (low: steady, slower to react). */
  dCutoff?: number;
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
  private readonly filters: OneEuroFilter[];
  readonly state = new Float64Array(N);
  lastUs = 0;
  misses = 0;
  score = 0;

  constructor(options: Required<TrackerOptions>, face: Face, timestampUs: number) {
    // Filters work in face widths, so one setting suits near and far faces.
    this.filters = Array.from({ length: N }, () => new OneEuroFilter(options.minCutoff, options.beta, options.dCutoff));
    this.update(face, timestampUs);
  }

  update(face: Face, timestampUs: number): void {
    const scale = face.width || 1;
    const values = toVector(face);
    const t = timestampUs / 1e6;
    for (let i = 0; i < N; i++) this.state[i] = this.filters[i]!.filter(values[i]! / scale, t) * scale;
    this.lastUs = timestampUs;
    this.misses = 0;
    this.score = face.score;
  }

  /** The face at `timestampUs`, extrapolated from the last update by the filtered velocity. */
  at(timestampUs: number, maxPredictUs: number): Face {
    const dt = Math.min(Math.max(0, timestampUs - this.lastUs), maxPredictUs) / 1e6;
    const scale = this.state[2] || 1;
    const v = new Float64Array(N);
    // Only position and size move on their own; keypoint offsets follow the box.
    for (let i = 0; i < N; i++) v[i] = this.state[i]! + (i < 4 ? this.filters[i]!.velocity * scale * dt : 0);
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

  // Defaults chosen by sweeping synthetic runs (face-tracker.test.ts): a still face's jitter is
  // cut by about two thirds and a face moving 3 widths/s is followed within ~5 px.
  constructor(options: TrackerOptions = {}) {
    this.options = { minCutoff: 0.5, beta: 4, dCutoff: 0.3, maxMisses: 2, maxAgeUs: 500_000, maxPredictUs: 200_000, ...options };
  }

  get size(): number {
    return this.tracks.length;
  }

  /** Feeds one detection result (faces found in the frame at `detection.timestampUs`). */
  update(detection: Detection): void {
    const t = detection.timestampUs;
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
    this.tracks = this.tracks.filter((track) => timestampUs - track.lastUs <= this.options.maxAgeUs);
    return this.tracks.map((track) => track.at(timestampUs, this.options.maxPredictUs));
  }

  clear(): void {
    this.tracks = [];
  }
}
