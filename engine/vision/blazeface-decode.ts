/**
 * Decoding of MediaPipe BlazeFace ("back" variant, 256x256 input) outputs in plain JS: 896 anchors
 * (16x16 grid x 2 at stride 16, then 8x8 x 6 at stride 32), each with a score logit and 16
 * regressors (box centre offset, box size, then six keypoint offsets, in input pixels relative to
 * the anchor). Overlapping candidates are blended by score (MediaPipe's weighted NMS), which
 * steadies boxes between frames far better than keeping only the best candidate.
 */
import { KEYPOINT_NAMES, iou, type Face, type KeypointName, type Point } from './face.ts';

export const BLAZEFACE_INPUT = 256;
export const BLAZEFACE_ANCHORS = 896;
const REGRESSORS = 16;

/** Anchor centres in input pixels, in the model's output order. */
export function blazeFaceAnchors(inputSize = BLAZEFACE_INPUT): Float32Array {
  const layers = [
    { stride: inputSize / 16, perCell: 2 },
    { stride: inputSize / 8, perCell: 6 },
  ];
  const out: number[] = [];
  for (const { stride, perCell } of layers) {
    const cells = Math.ceil(inputSize / stride);
    for (let gy = 0; gy < cells; gy++) {
      for (let gx = 0; gx < cells; gx++) {
        for (let n = 0; n < perCell; n++) out.push(stride * (gx + 0.5), stride * (gy + 0.5));
      }
    }
  }
  return Float32Array.from(out);
}

export interface DecodeOptions {
  minScore: number;
  /** Candidates overlapping more than this are one face. */
  iouThreshold: number;
  maxFaces: number;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function candidate(regressors: Float32Array, anchors: Float32Array, i: number, score: number): Face {
  const r = i * REGRESSORS;
  const at = (index: number): number => regressors[r + index]!;
  const ax = anchors[2 * i]!;
  const ay = anchors[2 * i + 1]!;
  const cx = ax + at(0);
  const cy = ay + at(1);
  const w = at(2);
  const h = at(3);
  const keypoints = {} as Record<KeypointName, Point>;
  KEYPOINT_NAMES.forEach((name, k) => {
    keypoints[name] = { x: ax + at(4 + 2 * k), y: ay + at(5 + 2 * k) };
  });
  return { x: cx - w / 2, y: cy - h / 2, width: w, height: h, score, keypoints };
}

/** Score-weighted average of overlapping candidates (the best one's score is kept). */
function blend(group: Face[]): Face {
  const total = group.reduce((sum, f) => sum + f.score, 0);
  const avg = (pick: (f: Face) => number): number => group.reduce((sum, f) => sum + pick(f) * f.score, 0) / total;
  const keypoints = {} as Record<KeypointName, Point>;
  for (const name of KEYPOINT_NAMES) keypoints[name] = { x: avg((f) => f.keypoints[name].x), y: avg((f) => f.keypoints[name].y) };
  return { x: avg((f) => f.x), y: avg((f) => f.y), width: avg((f) => f.width), height: avg((f) => f.height), score: group[0]!.score, keypoints };
}

/**
 * Faces in input pixels from the model's raw outputs: `logits` (896) and `regressors` (896 x 16),
 * both in anchor order.
 */
export function decodeBlazeFace(logits: Float32Array, regressors: Float32Array, anchors: Float32Array, options: DecodeOptions): Face[] {
  const candidates: Face[] = [];
  for (let i = 0; i < logits.length; i++) {
    const score = sigmoid(logits[i]!);
    if (score >= options.minScore) candidates.push(candidate(regressors, anchors, i, score));
  }
  candidates.sort((a, b) => b.score - a.score);
  const faces: Face[] = [];
  while (candidates.length > 0 && faces.length < options.maxFaces) {
    const best = candidates[0]!;
    const group = candidates.filter((c) => iou(best, c) > options.iouThreshold);
    faces.push(blend(group));
    for (const c of group) candidates.splice(candidates.indexOf(c), 1);
  }
  return faces;
}
