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

describe('ZBarFilter', () => {
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
