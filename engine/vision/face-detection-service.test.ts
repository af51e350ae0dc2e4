// The detection service on real pixels: the astronaut portrait placed where the test knows,
// detected by BlazeFace in a worker; frames offered faster than detection are dropped, not queued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Detection } from './face.ts';
import { FaceDetectionService } from './face-detection-service.ts';
import { AstronautScene, trueFace } from './test-scene.ts';

let scene: AstronautScene;
beforeAll(async () => {
  scene = await AstronautScene.load();
});
afterAll(() => scene.dispose());

function nextDetection(service: FaceDetectionService, offer: (session: ReturnType<FaceDetectionService['open']>) => Promise<void>): Promise<Detection> {
  return new Promise((resolve, reject) => {
    const session = service.open({
      params: () => ({ minScore: 0.5, maxFaces: 4 }),
      onResult: (detection) => {
        session.close();
        resolve(detection);
      },
      onError: reject,
    });
    offer(session).catch(reject);
  });
}

describe('FaceDetectionService', () => {
  it('finds the face where it was put, with keypoints, on the reported backend', async () => {
    const service = new FaceDetectionService({ log: () => {} });
    try {
      await service.ready;
      expect(service.backend).toMatch(/^(wasm|tensorflow)$/);
      expect(service.backendDescription).toContain(service.backend!);
      expect(service.sessionCount).toBe(0);
      const placement = { x: 100, y: 20, size: 480 };
      const detection = await nextDetection(service, async (session) => {
        const frame = await scene.frame(640, 480, placement, 123_000);
        session.offer(frame, 123_000);
        frame.free();
      });
      expect(detection.timestampUs).toBe(123_000);
      expect([detection.frameWidth, detection.frameHeight]).toEqual([640, 480]);
      expect(detection.faces).toHaveLength(1);
      const face = detection.faces[0]!;
      const truth = trueFace(placement);
      expect(Math.abs(face.x + face.width / 2 - truth.cx)).toBeLessThan(truth.width * 0.1);
      expect(Math.abs(face.y + face.height / 2 - truth.cy)).toBeLessThan(truth.width * 0.1);
      expect(face.width / truth.width).toBeGreaterThan(0.8);
      expect(face.width / truth.width).toBeLessThan(1.25);
      const { rightEye, leftEye, mouth, nose } = face.keypoints;
      expect(rightEye.x).toBeLessThan(leftEye.x); // the subject's right eye is on the image's left
      expect(mouth.y).toBeGreaterThan(nose.y);
      expect(nose.y).toBeGreaterThan(rightEye.y);
    } finally {
      await service.close();
    }
  });

  it('keeps only the newest frame while busy and reports no face on an empty frame', async () => {
    const service = new FaceDetectionService({ log: () => {} });
    try {
      await service.ready;
      const empty = await scene.frame(320, 240, null, 0);
      const detections: Detection[] = [];
      await new Promise<void>((resolve, reject) => {
        const session = service.open({
          params: () => ({ minScore: 0.5, maxFaces: 4 }),
          onResult: (d) => {
            detections.push(d);
            if (d.timestampUs === 49) {
              session.close();
              resolve();
            }
          },
          onError: reject,
        });
        // 50 frames offered at once: the first goes to the worker, 48 are replaced, the last waits.
        for (let i = 0; i < 50; i++) session.offer(empty, i);
      });
      empty.free();
      expect(detections.map((d) => d.timestampUs)).toEqual([0, 49]);
      expect(detections.every((d) => d.faces.length === 0)).toBe(true);
      expect(service.counters.dropped).toBe(48);
    } finally {
      await service.close();
    }
  });

  it('reports a missing model file by name, to sessions opened before and after', async () => {
    const service = new FaceDetectionService({ modelPath: '/nonexistent/blazeface.json', log: () => {} });
    const early = new Promise<string>((resolve) => service.open({ params: () => ({ minScore: 0.5, maxFaces: 4 }), onResult: () => {}, onError: resolve }));
    await expect(service.ready).rejects.toThrow(/\/nonexistent\/blazeface\.json/);
    expect(await early).toMatch(/face detector unavailable: face model description cannot be read: \/nonexistent\/blazeface\.json \(ENOENT\)/);
    const late = await new Promise<string>((resolve) => service.open({ params: () => ({ minScore: 0.5, maxFaces: 4 }), onResult: () => {}, onError: resolve }));
    expect(late).toContain('/nonexistent/blazeface.json');
    await service.close();
  });
});
