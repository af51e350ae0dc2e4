// ImageOverlayFilter on real pixels: the bundled hat drawn in the area given as fractions of the
// frame (aspect kept and centred, or stretched), removed by id; a bad URI is a clear error.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AV_PIX_FMT_YUV420P } from 'node-av/constants';
import '../index.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import { frameOwning } from '../../vision/draw/writable-frame-pool.ts';
import { ASSET_OVERLAYS } from '../../vision/image-file.ts';
import { imagePlacement, type ImageOverlayFilter } from './image-overlay-filter.ts';
import { chromaShare, feedFrames, isHatGreen, watchOutput } from './test-support.ts';

const grey = (t: number) => frameOwning(Buffer.alloc(640 * 480 * 1.5, 128), 640, 480, AV_PIX_FMT_YUV420P, t);

describe('ImageOverlayFilter', () => {
  it('places images by Kurento fractions, with aspect ratio and centring', () => {
    const area = { offsetXPercent: 0.5, offsetYPercent: 0.25, widthPercent: 0.5, heightPercent: 0.5, keepAspectRatio: true, center: true };
    // A square image in a 320x240 area: 240x240, centred horizontally.
    expect(imagePlacement(area, 100, 100, 640, 480)).toEqual({ cx: 480, cy: 240, width: 240, height: 240, angle: 0 });
    expect(imagePlacement({ ...area, center: false }, 100, 100, 640, 480)).toMatchObject({ cx: 440, cy: 240 });
    expect(imagePlacement({ ...area, keepAspectRatio: false }, 100, 100, 640, 480)).toMatchObject({ width: 320, height: 240 });
  });

  it('loads images over http(s) and says which URI failed and how', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/hat.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(readFileSync(path.join(ASSET_OVERLAYS, 'hat.png')));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const pipeline = new MediaPipeline();
    const filter = pipeline.create('ImageOverlayFilter') as ImageOverlayFilter;
    try {
      await filter.addImage('hat', `${base}/hat.png`, 0, 0, 0.5, 0.5, true, false);
      let inside = 0;
      const detach = watchOutput(filter, (unit) => (inside = chromaShare(unit.frame, 100, 70, 40, 40, isHatGreen)));
      await feedFrames(filter, 1, (_i, t) => grey(t));
      detach();
      expect(inside).toBeGreaterThan(0.9);
      await expect(filter.addImage('missing', `${base}/missing.png`, 0, 0, 1, 1, true, true)).rejects.toThrow(/cannot read image 'http:\/\/127\.0\.0\.1:\d+\/missing\.png': HTTP 404/);
    } finally {
      pipeline.release();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 30_000);

  it('draws an added image where asked and nothing once removed', async () => {
    const pipeline = new MediaPipeline();
    const filter = pipeline.create('ImageOverlayFilter') as ImageOverlayFilter;
    await filter.invoke('addImage', { id: 'logo', uri: 'asset:hat.png', offsetXPercent: 0.5, offsetYPercent: 0.5, widthPercent: 0.5, heightPercent: 0.5, keepAspectRatio: true, center: true });
    const shares: { inside: number; outside: number }[] = [];
    const detach = watchOutput(filter, (unit) => {
      // The hat's crown is in the middle of its image: the centre of the bottom-right quarter.
      shares.push({ inside: chromaShare(unit.frame, 460, 320, 40, 40, isHatGreen), outside: chromaShare(unit.frame, 0, 0, 320, 240, isHatGreen) });
    });
    await feedFrames(filter, 3, (_i, t) => grey(t));
    filter.removeImage('logo');
    filter.removeImage('never-added');
    await feedFrames(filter, 3, (_i, t) => grey(t + 100_000));
    detach();
    await expect(filter.addImage('x', 'http://127.0.0.1:9/none.png', 0, 0, 1, 1, true, true)).rejects.toThrow(/cannot read image 'http:\/\/127\.0\.0\.1:9\/none\.png'/);
    pipeline.release();
    expect(shares.slice(0, 3).every((s) => s.inside > 0.9 && s.outside === 0)).toBe(true);
    expect(shares.slice(3).every((s) => s.inside === 0)).toBe(true);
  }, 30_000);
});
