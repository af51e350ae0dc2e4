// The tracker on synthetic detections: jitter is smoothed, motion is followed and extrapolated,
// faces are kept apart, and a face the detector stops seeing goes away.
import { describe, expect, it } from 'vitest';
import { KEYPOINT_NAMES, type Face } from './face.ts';
import { FaceTracker } from './face-tracker.ts';

function face(cx: number, cy: number, width: number): Face {
  const keypoints = Object.fromEntries(KEYPOINT_NAMES.map((name, k) => [name, { x: cx - 20 + 8 * k, y: cy - 10 + 4 * k }])) as Face['keypoints'];
  return { x: cx - width / 2, y: cy - width / 2, width, height: width, score: 0.9, keypoints };
}
const detection = (timestampUs: number, faces: Face[]) => ({ faces, timestampUs, frameWidth: 640, frameHeight: 480, inferenceMs: 30 });
const centre = (f: Face | undefined) => (f ? f.x + f.width / 2 : Number.NaN);

// A fixed pseudo-random jitter sequence (deterministic).
const jitter = (i: number) => ((i * 7919) % 7) - 3;

describe('FaceTracker', () => {
  it('steadies a still face: drawn positions vary far less than the detections', () => {
    const tracker = new FaceTracker();
    const drawn: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = i * 66_000; // detections at ~15 Hz
      tracker.update(detection(t, [face(300 + jitter(i), 200, 100)]));
      drawn.push(centre(tracker.facesAt(t + 33_000)[0]));
    }
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    const settled = drawn.slice(20);
    expect(spread(settled)).toBeLessThan(spread(Array.from({ length: 40 }, (_, i) => jitter(i + 20))) * 0.85);
    expect(Math.abs(settled.reduce((a, b) => a + b, 0) / settled.length - 300)).toBeLessThan(2);
  });

  it('follows a moving face and extrapolates between detections, within a few pixels', () => {
    const tracker = new FaceTracker();
    const speed = 300; // px per second
    let worst = 0;
    for (let i = 0; i < 45; i++) {
      const t = i * 66_000;
      tracker.update(detection(t, [face(100 + (speed * t) / 1e6, 200, 100)]));
      if (i < 15) continue;
      for (const ahead of [0, 33_000, 66_000]) {
        const truth = 100 + (speed * (t + ahead)) / 1e6;
        worst = Math.max(worst, Math.abs(centre(tracker.facesAt(t + ahead)[0]) - truth));
      }
    }
    // Without extrapolation the overlay would trail by up to 20 px (300 px/s x 66 ms).
    expect(worst).toBeLessThan(2);
  });

  it('tracks two faces separately and drops one the detector no longer sees', () => {
    const tracker = new FaceTracker();
    for (let i = 0; i < 5; i++) tracker.update(detection(i * 50_000, [face(150, 200, 90), face(450, 210, 110)]));
    expect(tracker.facesAt(250_000).map((f) => Math.round(centre(f))).sort()).toEqual([150, 450]);
    tracker.update(detection(250_000, [face(451, 210, 110)]));
    expect(tracker.size).toBe(1);
    expect(Math.round(centre(tracker.facesAt(300_000)[0]))).toBeGreaterThan(440);
    // A two-miss tolerance, when asked for, keeps a face through one flicker of the detector.
    const lenient = new FaceTracker({ maxMisses: 2 });
    lenient.update(detection(0, [face(150, 200, 90)]));
    lenient.update(detection(50_000, []));
    expect(lenient.size).toBe(1);
    lenient.update(detection(100_000, []));
    expect(lenient.facesAt(100_000)).toEqual([]);
    tracker.update(detection(350_000, []));
    expect(tracker.facesAt(350_000)).toEqual([]);
  });

  it('forgets everything when the video time jumps back (a looping or seeking source)', () => {
    const tracker = new FaceTracker();
    tracker.update(detection(5_000_000, [face(200, 200, 100)]));
    expect(tracker.facesAt(5_033_000)).toHaveLength(1);
    expect(tracker.facesAt(0)).toEqual([]);
    tracker.update(detection(10_000, [face(400, 200, 100)]));
    expect(tracker.facesAt(20_000).map((f) => Math.round(centre(f)))).toEqual([400]);
  });

  it('forgets faces older than its maximum age even without new detections', () => {
    const tracker = new FaceTracker({ maxAgeUs: 300_000 });
    tracker.update(detection(0, [face(200, 200, 100)]));
    expect(tracker.facesAt(200_000)).toHaveLength(1);
    expect(tracker.facesAt(400_000)).toHaveLength(0);
  });
});
