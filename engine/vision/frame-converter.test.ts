// The analysers' input reads each frame's range and matrix: the same RGB scene sent as full- or
// limited-range, BT.601/709/2020 yuv420p gives the face detector the same RGB and the code
// scanner the same grey (the scene's luma), one converter serving frames whose tags change.
import { afterAll, describe, expect, it } from 'vitest';
import { AVCOL_RANGE_JPEG, AVCOL_SPC_SMPTE170M } from 'node-av/constants';
import { colourDistance, flatFrame, TEST_ENCODINGS, type Rgb, type TestEncoding } from './colour-test-frames.ts';
import { encodingOf, rgbToYuv } from './draw/yuv-encoding.ts';
import { FrameConverter } from './frame-converter.ts';

/** Mid colours, and near black and white (where a range mistake clips). */
const SCENES: Rgb[] = [
  [220, 40, 40],
  [40, 200, 60],
  [8, 8, 8],
  [250, 250, 250],
];
const TOLERANCE = 3;

describe('FrameConverter', () => {
  const converter = new FrameConverter();
  afterAll(() => converter.close());

  for (const encoding of Object.keys(TEST_ENCODINGS) as TestEncoding[]) {
    it(`gives the scene's RGB and luma for a ${encoding} frame`, async () => {
      for (const scene of SCENES) {
        const frame = flatFrame(scene, encoding, 64, 48);
        try {
          const rgb = await converter.toBuffer(frame, { width: 32, height: 24, format: 'rgb' });
          expect(rgb.length).toBe(32 * 24 * 3);
          const pixel = [...rgb.subarray(3 * (12 * 32 + 16), 3 * (12 * 32 + 16) + 3)] as Rgb;
          expect(colourDistance(pixel, scene), `${scene.join(',')} came out ${pixel.join(',')}`).toBeLessThanOrEqual(TOLERANCE);
          const grey = await converter.toBuffer(frame, { width: 64, height: 48, format: 'gray' });
          expect(grey.length).toBe(64 * 48);
          // The scene's BT.601 luma on 0-255, whatever the frame's encoding.
          const luma = rgbToYuv(...scene, encodingOf({ colorRange: AVCOL_RANGE_JPEG, colorSpace: AVCOL_SPC_SMPTE170M }))[0];
          expect(Math.abs(grey[24 * 64 + 32]! - luma), `${scene.join(',')}: grey ${grey[24 * 64 + 32]}, luma ${luma.toFixed(1)}`).toBeLessThanOrEqual(TOLERANCE);
        } finally {
          frame.free();
        }
      }
    });
  }
});
