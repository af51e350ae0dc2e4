import { describe, expect, it } from 'vitest';
import './index.ts';
import { MediaPipeline } from '../model/media-pipeline.ts';
import type { CameraEndpoint } from './camera-endpoint.ts';
import { captureBackend, listCameras } from './camera-endpoint.ts';
import { nextEvent } from './test-support.ts';

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
});
