/**
 * AlphaBlending: the master port's video is the background (and sets the output size); every
 * port placed with setPortProperties is drawn over it at its relative position and size, in
 * z-order (picture-in-picture, overlays). Ports not placed yet are not drawn. One shared outlet
 * sends the picture to every port; audio is mixed per port without its own voice.
 * Pictures are drawn opaque: no per-pixel alpha is taken from the inputs.
 */
import type { Frame } from 'node-av';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import type { MediaHubPort } from './media-hub.ts';
import { PictureHub } from './picture-hub.ts';
import type { Scene } from './video-compositor.ts';

interface Placement {
  x: number;
  y: number;
  width: number;
  height: number;
  zOrder: number;
}

const FRAMERATE = 30;

export class AlphaBlending extends PictureHub {
  private master: MediaHubPort | undefined;
  private masterZ = 0;
  private readonly placements = new Map<MediaHubPort, Placement>();

  constructor(pipeline: MediaPipeline, params: Record<string, unknown>) {
    super('AlphaBlending', pipeline, params, FRAMERATE);
  }

  setMaster(source: MediaHubPort, zOrder: number): void {
    this.master = source;
    this.masterZ = zOrder;
  }

  setPortProperties(relativeX: number, relativeY: number, zOrder: number, relativeWidth: number, relativeHeight: number, port: MediaHubPort): void {
    this.placements.set(port, { x: relativeX, y: relativeY, width: relativeWidth, height: relativeHeight, zOrder });
  }

  protected override portLeft(port: MediaHubPort): void {
    if (port === this.master) this.master = undefined;
    this.placements.delete(port);
    super.portLeft(port);
  }

  protected scene(inputs: ReadonlyMap<unknown, Frame>): Scene | undefined {
    const background = this.master ? inputs.get(this.master) : undefined;
    if (!this.master || !background) return undefined;
    const { width, height } = background;
    const layers = [{ input: this.master as unknown, z: this.masterZ, rect: { x: 0, y: 0, width, height } }];
    for (const [port, p] of this.placements) {
      if (port === this.master || !inputs.has(port)) continue;
      layers.push({ input: port, z: p.zOrder, rect: { x: p.x * width, y: p.y * height, width: p.width * width, height: p.height * height } });
    }
    // Stable sort: equal z-orders keep the order ports were placed in.
    layers.sort((a, b) => a.z - b.z);
    return { width, height, layers };
  }
}
