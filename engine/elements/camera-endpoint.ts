/**
 * CameraEndpoint: a camera on the machine running the engine, through libavdevice (v4l2 on
 * Linux, avfoundation on macOS, dshow on Windows) and the same capture path as the test
 * pattern. A camera that cannot be opened, or that is unplugged while capturing, becomes an
 * Error event; the pipeline carries on.
 */
import { DeviceAPI } from 'node-av';
import type { MediaPipeline } from '../model/media-pipeline.ts';
import { AvSourceElement } from './av-source-element.ts';

export interface CameraParams {
  device?: string;
  width?: number;
  height?: number;
  framerate?: number;
}

/** Kurento-style CameraDevice struct (fluo catalog). */
export interface CameraDevice {
  id: string;
  name: string;
  backend: string;
}

export function captureBackend(platform = process.platform): 'v4l2' | 'avfoundation' | 'dshow' {
  return platform === 'darwin' ? 'avfoundation' : platform === 'win32' ? 'dshow' : 'v4l2';
}

/** The cameras libavdevice can see; [] when there are none (or no device layer at all). */
export async function listCameras(): Promise<CameraDevice[]> {
  const backend = captureBackend();
  const devices = await DeviceAPI.list().catch(() => []);
  return devices.filter((d) => d.type === 'video').map((d) => ({ id: d.name, name: d.description || d.name, backend }));
}

/** The input URL FFmpeg's capture backends expect for a device id. */
function deviceUrl(backend: string, id: string): string {
  if (backend === 'dshow') return id.startsWith('video=') ? id : `video=${id}`;
  if (backend === 'avfoundation') return `${id}:none`;
  return id;
}

/** What FFmpeg opens to capture from a device. */
export interface CaptureInput {
  url: string;
  format: string;
  options: Record<string, string>;
}

export class CameraEndpoint extends AvSourceElement {
  constructor(pipeline: MediaPipeline, params: CameraParams) {
    super('CameraEndpoint', pipeline, pipeline, params as Record<string, unknown>);
    void this.start(params);
  }

  async listDevices(): Promise<CameraDevice[]> {
    return listCameras();
  }

  private async start(params: CameraParams): Promise<void> {
    const backend = captureBackend();
    let id = params.device ?? '';
    if (!id) {
      const first = (await listCameras())[0];
      if (!first) {
        this.reportError(`no camera found (${backend})`, 'MEDIA_OBJECT_NOT_AVAILABLE');
        return;
      }
      id = first.id;
    }
    this.propertyValues.set('device', id);
    const input = this.captureInput(id, params);
    const source = await this.openSource({ ...input, mode: 'decode', paced: false }, `camera '${id}' (${input.format})`);
    source?.play();
  }

  /** The platform's capture backend for device `id` (tests substitute another live input). */
  protected captureInput(id: string, params: CameraParams): CaptureInput {
    const backend = captureBackend();
    return {
      url: deviceUrl(backend, id),
      format: backend,
      options: { video_size: `${params.width ?? 640}x${params.height ?? 480}`, framerate: String(params.framerate ?? 30) },
    };
  }

  /** A camera never ends by itself: the device went away. */
  protected override onSourceEnd(): void {
    this.reportError(`camera '${String(this.propertyValues.get('device'))}' stopped delivering frames (unplugged?)`, 'MEDIA_OBJECT_NOT_AVAILABLE');
  }
}
