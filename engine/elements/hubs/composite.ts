/**
 * Composite: every port's video in one grid (1, 2, 4, 6, 9 or 16 tiles, letterboxed) at the
 * hub's width, height and frame rate, sent to every port through ONE shared outlet (one encoder
 * per output format however many ports); audio mixed per port, without the port's own voice.
 */
import type { Frame } from 'node-av';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { fitInto, gridTiles } from './grid-layout.ts';
import { PictureHub } from './picture-hub.ts';
import type { Scene } from './video-compositor.ts';

export interface CompositeParams {
  width?: number;
  height?: number;
  framerate?: number;
}

export class Composite extends PictureHub {
  private readonly width: number;
  private readonly height: number;

  constructor(pipeline: MediaPipeline, params: CompositeParams) {
    super('Composite', pipeline, params as Record<string, unknown>, params.framerate ?? 15);
    this.width = params.width ?? 800;
    this.height = params.height ?? 600;
  }

  protected scene(inputs: ReadonlyMap<unknown, Frame>): Scene {
    // Tiles follow the ports' creation order, so a port keeps its place as others come and go.
    const shown = this.mediaPorts().filter((p) => inputs.has(p));
    const tiles = gridTiles(shown.length, this.width, this.height);
    return {
      width: this.width,
      height: this.height,
      layers: tiles.map((tile, i) => {
        const frame = inputs.get(shown[i])!;
        return { input: shown[i], rect: fitInto(tile, frame.width, frame.height) };
      }),
    };
  }
}
