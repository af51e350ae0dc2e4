/** What a face detector reports, in the pixels of the frame it analysed. */
export const KEYPOINT_NAMES = ['rightEye', 'leftEye', 'nose', 'mouth', 'rightEar', 'leftEar'] as const;
export type KeypointName = (typeof KEYPOINT_NAMES)[number];

export interface Point {
  x: number;
  y: number;
}

/** One face: box (top-left corner and size), detector confidence and the six BlazeFace keypoints. */
export interface Face {
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
  keypoints: Record<KeypointName, Point>;
}

/** Faces found in one frame, with the frame's timestamp and size. */
export interface Detection {
  faces: Face[];
  timestampUs: number;
  frameWidth: number;
  frameHeight: number;
  /** Milliseconds the detector spent on this frame (inference and decoding, inside the worker). */
  inferenceMs: number;
}

/** A copy of a face with every coordinate multiplied by (sx, sy). */
export function scaleFace(face: Face, sx: number, sy: number): Face {
  const keypoints = {} as Record<KeypointName, Point>;
  for (const name of KEYPOINT_NAMES) keypoints[name] = { x: face.keypoints[name].x * sx, y: face.keypoints[name].y * sy };
  return { x: face.x * sx, y: face.y * sy, width: face.width * sx, height: face.height * sy, score: face.score, keypoints };
}

export function iou(a: Face, b: Face): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/** Angle of the eye line in radians (0 when the eyes are level; positive when the head tilts clockwise). */
export function eyeLineAngle(face: Face): number {
  const { rightEye, leftEye } = face.keypoints;
  // The subject's right eye is on the image's left.
  return Math.atan2(leftEye.y - rightEye.y, leftEye.x - rightEye.x);
}
