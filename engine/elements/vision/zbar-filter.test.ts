// ZBarFilter on a video of a generated QR code: one CodeFound with the right text (not one per
// frame), the video passing through untouched; a second code is reported when it appears.
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { AV_PIX_FMT_YUV420P } from 'node-av/constants';
import '../index.ts';
import type { MediaEvent } from '../../model/media-object.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import { frameOwning } from '../../vision/draw/writable-frame-pool.ts';
import type { ZBarFilter } from './zbar-filter.ts';
import { feedFrames, sleep, watchOutput } from './test-support.ts';

/** A 640x480 yuv420p frame with `text` as a QR code (6 px modules, quiet zone) at (x, y). */
function qrFrame(text: string, x: number, y: number, timestampUs: number): ReturnType<typeof frameOwning> {
  const width = 640;
  const height = 480;
  const buffer = Buffer.alloc((width * height * 3) / 2, 128);
  buffer.fill(90, 0, width * height);
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const scale = 6;
  for (let my = -4; my < n + 4; my++) {
    for (let mx = -4; mx < n + 4; mx++) {
      const dark = mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx);
      for (let dy = 0; dy < scale; dy++) {
        const row = y + my * scale + dy;
        buffer.fill(dark ? 20 : 235, row * width + x + mx * scale, row * width + x + (mx + 1) * scale);
      }
    }
  }
  return frameOwning(buffer, width, height, AV_PIX_FMT_YUV420P, timestampUs);
}

const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const G = ['0100111', '0110011', '0011011', '0100001', '0011101', '0111001', '0000101', '0010001', '0001001', '0010111'];
const R = ['1110010', '1100110', '1101100', '1000010', '1011100', '1001110', '1010000', '1000100', '1001000', '1110100'];
const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

/** The 13 digits (with its check digit) and the 95 modules of an EAN-13 bar code. */
function ean13(first12: string): { digits: string; modules: string } {
  const d = [...first12].map(Number);
  const sum = d.reduce((acc, digit, i) => acc + digit * (i % 2 === 0 ? 1 : 3), 0);
  const digits = first12 + String((10 - (sum % 10)) % 10);
  const n = [...digits].map(Number);
  const left = n.slice(1, 7).map((digit, i) => (PARITY[n[0]!]![i] === 'L' ? L : G)[digit]).join('');
  const right = n.slice(7).map((digit) => R[digit]).join('');
  return { digits, modules: `101${left}01010${right}101` };
}

/** A 640x480 frame with the bar code (3 px per module, 150 px tall) on white. */
function barcodeFrame(modules: string, timestampUs: number): ReturnType<typeof frameOwning> {
  const width = 640;
  const height = 480;
  const buffer = Buffer.alloc((width * height * 3) / 2, 128);
  buffer.fill(235, 0, width * height);
  for (let y = 160; y < 310; y++) {
    [...modules].forEach((bit, i) => {
      if (bit === '1') buffer.fill(16, y * width + 150 + 3 * i, y * width + 153 + 3 * i);
    });
  }
  return frameOwning(buffer, width, height, AV_PIX_FMT_YUV420P, timestampUs);
}

describe('ZBarFilter', () => {
  it("reads a 1-D bar code too (EAN-13), with ZBar's symbology name", async () => {
    const code = ean13('400638133393');
    const pipeline = new MediaPipeline();
    const filter = pipeline.create('ZBarFilter') as ZBarFilter;
    const found: MediaEvent[] = [];
    filter.on('CodeFound', (event) => found.push(event));
    await feedFrames(filter, 15, (_i, t) => barcodeFrame(code.modules, t), 30, async (i) => {
      if (i === 14) for (let k = 0; k < 500 && found.length === 0; k++) await sleep(20);
    });
    pipeline.release();
    expect(found.map((e) => [e.codeType, e.value])).toEqual([['EAN-13', code.digits]]);
  }, 60_000);

  it('raises CodeFound once per new code with its text and type', async () => {
    const pipeline = new MediaPipeline();
    const filter = pipeline.create('ZBarFilter') as ZBarFilter;
    const found: MediaEvent[] = [];
    filter.on('CodeFound', (event) => found.push(event));
    let frames = 0;
    const detach = watchOutput(filter, () => frames++);
    await feedFrames(filter, 45, (i, t) => qrFrame('https://fluo.example/magic-mirror', 120 + (i % 5), 60, t), 30, async (i) => {
      // Give the scanner time to see the code several times, however slow the machine.
      if (i === 44) while (found.length === 0) await sleep(20);
    });
    await feedFrames(filter, 20, (i, t) => qrFrame('second code', 300, 100, 2_000_000 + t), 30, async (i) => {
      if (i === 19) while (found.length < 2) await sleep(20);
    });
    await sleep(300);
    detach();
    pipeline.release();
    expect(frames).toBe(65);
    expect(found.map((e) => [e.codeType, e.value])).toEqual([
      ['QR-Code', 'https://fluo.example/magic-mirror'],
      ['QR-Code', 'second code'],
    ]);
  }, 60_000);
});
