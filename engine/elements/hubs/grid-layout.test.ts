import { describe, expect, it } from 'vitest';
import { fitInto, gridShape, gridTiles } from './grid-layout.ts';

describe('grid layout', () => {
  it('uses 1, 2, 4, 6, 9 or 16 tiles: the smallest grid that holds every input', () => {
    const tiles = (n: number) => gridShape(n).columns * gridShape(n).rows;
    expect([1, 2, 3, 4, 5, 6, 7, 9, 10, 16].map(tiles)).toEqual([1, 2, 4, 4, 6, 6, 9, 9, 16, 16]);
  });

  it('covers the canvas with even-sized tiles, row by row, without overlap', () => {
    const tiles = gridTiles(6, 1280, 720);
    expect(tiles[0]).toEqual({ x: 0, y: 0, width: 426, height: 360 });
    expect(tiles[5]).toEqual({ x: 852, y: 360, width: 428, height: 360 });
    expect(tiles.reduce((sum, t) => sum + t.width * t.height, 0)).toBe(1280 * 720);
    expect(tiles.every((t) => t.x % 2 === 0 && t.y % 2 === 0 && t.width % 2 === 0 && t.height % 2 === 0)).toBe(true);
  });

  it('keeps a picture’s aspect inside its tile, centred with bars', () => {
    // 4:3 into a tall 320x480 tile: bars above and below.
    expect(fitInto({ x: 320, y: 0, width: 320, height: 480 }, 640, 480)).toEqual({ x: 320, y: 120, width: 320, height: 240 });
    // 16:9 into a 4:3 tile: bars above and below; 9:16 into it: bars left and right.
    expect(fitInto({ x: 0, y: 0, width: 400, height: 300 }, 1280, 720)).toEqual({ x: 0, y: 38, width: 400, height: 224 });
    expect(fitInto({ x: 0, y: 0, width: 400, height: 300 }, 720, 1280)).toEqual({ x: 116, y: 0, width: 168, height: 300 });
  });
});
