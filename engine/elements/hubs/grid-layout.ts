/**
 * Where each input goes in a Composite's grid: 1, 2, 4, 6, 9 or 16 tiles (the smallest that
 * holds every input), each picture fitted into its tile with its aspect kept (letterboxed).
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Columns × rows for n inputs: 1×1, 2×1, 2×2, 3×2, 3×3, 4×4 (more than 16 are not shown). */
export function gridShape(n: number): { columns: number; rows: number } {
  if (n <= 1) return { columns: 1, rows: 1 };
  if (n <= 2) return { columns: 2, rows: 1 };
  if (n <= 4) return { columns: 2, rows: 2 };
  if (n <= 6) return { columns: 3, rows: 2 };
  if (n <= 9) return { columns: 3, rows: 3 };
  return { columns: 4, rows: 4 };
}

/** The tiles of an n-input grid on a width × height canvas, row by row, on even pixels. */
export function gridTiles(n: number, width: number, height: number): Rect[] {
  const { columns, rows } = gridShape(n);
  const tiles: Rect[] = [];
  for (let i = 0; i < Math.min(n, columns * rows); i++) {
    const c = i % columns;
    const r = Math.floor(i / columns);
    const x0 = even((c * width) / columns);
    const y0 = even((r * height) / rows);
    tiles.push({ x: x0, y: y0, width: even(((c + 1) * width) / columns) - x0, height: even(((r + 1) * height) / rows) - y0 });
  }
  return tiles;
}

/** The largest rect of the picture's aspect that fits in `tile`, centred. */
export function fitInto(tile: Rect, pictureWidth: number, pictureHeight: number): Rect {
  const scale = Math.min(tile.width / pictureWidth, tile.height / pictureHeight);
  const width = Math.min(tile.width, even(pictureWidth * scale));
  const height = Math.min(tile.height, even(pictureHeight * scale));
  return { x: tile.x + even((tile.width - width) / 2), y: tile.y + even((tile.height - height) / 2), width, height };
}

export function even(v: number): number {
  return Math.max(0, Math.floor(v / 2) * 2);
}
