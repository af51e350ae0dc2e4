// Drawing keeps colours in every encoding a frame can carry: an overlay image (opaque and half
// transparent) and a filled box drawn into full- and limited-range, BT.601/709/2020 frames of the
// same scene read back, through libavfilter, as the RGB they were drawn with.
import { describe, expect, it } from 'vitest';
import { colourDistance, flatFrame, rgbAt, TEST_ENCODINGS, type Rgb, type TestEncoding } from '../colour-test-frames.ts';
import { drawOverlay, prepareOverlay } from './overlay-image.ts';
import { fillRect } from './shapes.ts';
import { WritableFramePool } from './writable-frame-pool.ts';
import { planesOf, rgbToYuv } from './yuv-planes.ts';

const BACKGROUND: Rgb = [90, 110, 140];
const OPAQUE: Rgb = [230, 40, 160];
const HALF: Rgb = [40, 200, 60];
const BOX: Rgb = [0, 230, 90];
/** Rounding in the 8-bit planes and in the conversion back; a range or matrix mistake is 10 or more. */
const TOLERANCE = 3;

function solidImage(rgb: Rgb, alpha: number, side = 16): { width: number; height: number; rgba: Buffer } {
  const rgba = Buffer.alloc(side * side * 4);
  for (let i = 0; i < side * side; i++) rgba.set([...rgb, alpha], 4 * i);
  return { width: side, height: side, rgba };
}

/** Draws the overlays and the box into a 64x48 frame of the scene; returns the RGB read back at each. */
function drawnColours(encoding: TestEncoding): { encodingName: string; colours: Record<'background' | 'opaque' | 'half' | 'box', Rgb> } {
  const pool = new WritableFramePool();
  const scene = flatFrame(BACKGROUND, encoding);
  try {
    // As a filter draws: into a pooled writable copy that keeps the frame's tags.
    const frame = pool.copyOf(scene);
    const planes = planesOf(frame);
    drawOverlay(planes, prepareOverlay(solidImage(OPAQUE, 255)), { cx: 16, cy: 24, width: 16, height: 16, angle: 0 });
    drawOverlay(planes, prepareOverlay(solidImage(HALF, 128)), { cx: 48, cy: 12, width: 16, height: 16, angle: 0 });
    fillRect(planes, 40, 28, 16, 16, rgbToYuv(...BOX));
    return {
      encodingName: planes.encoding.name,
      colours: { background: rgbAt(frame, 2, 2), opaque: rgbAt(frame, 16, 24), half: rgbAt(frame, 48, 12), box: rgbAt(frame, 48, 36) },
    };
  } finally {
    scene.free();
    pool.close();
  }
}

describe('drawing in the frame’s colour encoding', () => {
  for (const encoding of Object.keys(TEST_ENCODINGS) as TestEncoding[]) {
    it(`keeps overlay and box colours in a ${encoding} frame`, () => {
      const { encodingName, colours: seen } = drawnColours(encoding);
      // The copy drawn into kept the frame's tags, and they were read.
      expect(encodingName).toBe(encoding === 'untagged' ? 'BT.601 limited' : encoding);
      const a = 128 / 255;
      const expected = {
        background: BACKGROUND,
        opaque: OPAQUE,
        half: HALF.map((c, k) => a * c + (1 - a) * BACKGROUND[k]!) as Rgb,
        box: BOX,
      };
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        expect(colourDistance(seen[key], expected[key]), `${key}: got ${seen[key].join(',')}, drawn ${expected[key].map(Math.round).join(',')}`).toBeLessThanOrEqual(TOLERANCE);
      }
    });
  }
});
