import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import './index.ts';
import { KurentoErrorCode } from '../errors.ts';
import { readBack } from '../media/read-back.ts';
import type { MediaEvent } from '../model/media-object.ts';
import { MediaPipeline } from '../model/media-pipeline.ts';
import { registerObjectFactory } from '../model/object-factories.ts';
import { CameraEndpoint, type CameraParams, type CaptureInput } from './camera-endpoint.ts';
import { captureBackend, listCameras } from './camera-endpoint.ts';
import type { RecorderEndpoint } from './recorder-endpoint.ts';
import { activeResourceCounts, nextEvent, recordPattern, resourcesLeftAbove, sleep, yuvOf } from './test-support.ts';

/**
 * A camera whose device is a named pipe carrying raw yuv420p frames: the same element, capture
 * path and end-of-capture handling as a real camera, with a device the test can unplug.
 */
class FifoCamera extends CameraEndpoint {
  protected override captureInput(id: string, params: CameraParams): CaptureInput {
    return {
      url: id,
      format: 'rawvideo',
      options: { video_size: `${params.width}x${params.height}`, pixel_format: 'yuv420p', framerate: String(params.framerate ?? 30) },
    };
  }
}

/** Creates a CameraEndpoint through the pipeline (catalog checks, registration) as a FifoCamera. */
function createFifoCamera(pipeline: MediaPipeline, params: CameraParams): FifoCamera {
  registerObjectFactory('CameraEndpoint', (context) => new FifoCamera(context.pipeline, context.params as CameraParams));
  try {
    return pipeline.create('CameraEndpoint', params as Record<string, unknown>) as FifoCamera;
  } finally {
    registerObjectFactory('CameraEndpoint', (context) => new CameraEndpoint(context.pipeline, context.params as CameraParams));
  }
}

/** One yuv420p frame of a single colour. */
function solidYuv420(width: number, height: number, [y, u, v]: [number, number, number]): Buffer {
  const luma = width * height;
  const frame = Buffer.alloc(luma * 1.5, Math.round(y));
  frame.fill(Math.round(u), luma, luma * 1.25);
  frame.fill(Math.round(v), luma * 1.25);
  return frame;
}

describe('CameraEndpoint', () => {
  it('lists the cameras of this machine (none here) without failing', async () => {
    const devices = await listCameras();
    expect(Array.isArray(devices)).toBe(true);
    for (const device of devices) expect(device.backend).toBe(captureBackend());
    const pipeline = new MediaPipeline();
    const camera = pipeline.create('CameraEndpoint', { device: '/dev/video-fluo-none' }) as CameraEndpoint;
    expect(await camera.invoke('listDevices')).toEqual(devices);
    pipeline.release();
  });

  it('turns a missing device into an Error event naming it; the pipeline stays usable', async () => {
    const pipeline = new MediaPipeline();
    const camera = pipeline.create('CameraEndpoint', { device: '/dev/video-fluo-none', width: 320, height: 240 }) as CameraEndpoint;
    const error = await nextEvent(camera, 'Error');
    expect(String(error.description)).toContain('/dev/video-fluo-none');
    const other = pipeline.create('TestPatternEndpoint', { width: 160, height: 120 });
    expect(other.released).toBe(false);
    pipeline.release();
  });

  it('reports that no camera exists when none is named and none is attached', async () => {
    if ((await listCameras()).length > 0) return;
    const pipeline = new MediaPipeline();
    const camera = pipeline.create('CameraEndpoint', {}) as CameraEndpoint;
    expect(String((await nextEvent(camera, 'Error')).description)).toMatch(/no camera found/);
    pipeline.release();
  });

  it('captures frames from its device, and turns the device going away (unplug) into one Error event; the pipeline carries on; release cleans up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fluo-camera-'));
    const device = join(dir, 'video-fifo');
    await promisify(execFile)('mkfifo', [device]);
    const [width, height, colour] = [176, 144, '#2060c0'];
    const baseline = activeResourceCounts();
    const pipeline = new MediaPipeline();
    const camera = createFifoCamera(pipeline, { device, width, height, framerate: 30 });
    expect(camera).toBeInstanceOf(FifoCamera);
    const errors: MediaEvent[] = [];
    camera.on('Error', (event) => errors.push(event));
    const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${dir}/camera.webm`, mediaProfile: 'WEBM_VIDEO_ONLY' }) as RecorderEndpoint;
    camera.connect(recorder);
    await recorder.record();

    // The "camera" delivers 60 frames at 30 fps; each write returns once the capture has room for it.
    const writer = createWriteStream(device);
    const frame = solidYuv420(width, height, yuvOf(colour));
    for (let i = 0; i < 60; i++) {
      await new Promise<void>((resolve, reject) => writer.write(frame, (error) => (error ? reject(error) : resolve())));
      await sleep(33);
    }
    const unplugged = nextEvent(camera, 'Error');
    await new Promise<void>((resolve) => writer.end(resolve));

    const error = await unplugged;
    expect(String(error.description)).toContain(`camera '${device}' stopped delivering frames`);
    expect({ type: error.type, errorCode: error.errorCode }).toEqual({ type: 'MEDIA_OBJECT_NOT_AVAILABLE', errorCode: KurentoErrorCode.MEDIA_OBJECT_NOT_AVAILABLE });
    expect(camera.released).toBe(false);

    // What was captured reached the sink: decodable frames of the device's size and colour.
    await recorder.stopAndWait();
    const copy = await readBack(join(dir, 'camera.webm'));
    expect({ width: copy.tracks.VIDEO?.width, height: copy.tracks.VIDEO?.height }).toEqual({ width, height });
    expect(copy.tracks.VIDEO?.frames).toBeGreaterThan(40);
    const want = yuvOf(colour);
    expect(copy.centreYuv).toBeDefined();
    copy.centreYuv?.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(6));

    // The pipeline and its other elements keep working after the unplug.
    await recordPattern(pipeline, join(dir, 'after.webm'), 'WEBM_VIDEO_ONLY', { width: 160, height: 120 }, 800);
    expect((await readBack(join(dir, 'after.webm'))).tracks.VIDEO?.frames).toBeGreaterThan(10);
    // Still one Error from the camera, a second later.
    expect(errors).toHaveLength(1);

    pipeline.release();
    expect(await resourcesLeftAbove(baseline)).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  }, 30_000);
});
