/**
 * The headline: from an empty canvas, a WebRtcEndpoint (this page's camera, faked with
 * a face), a FaceOverlayFilter, wired both ways; Run; set the hat in the inspector: the video
 * that comes back through the engine shows the hat on the head.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../app/studio/renderer-build.ts';
import { CAMERA_FACE, writeFaceCamera } from './fake-camera.ts';
import { ARTIFACTS, launchChromium, startServe, wire, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'fluo-e2e-camera-'));
  const camera = await writeFaceCamera(folder, 10);
  [served, browser] = await Promise.all([startServe(), launchChromium([`--use-file-for-fake-video-capture=${camera}`])]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  rmSync(folder, { recursive: true, force: true });
});


/** Mean brightness (0-255) of a rectangle of the video the engine sends back, in camera pixels. */
function brightness(page: Page, box: { x: number; y: number; w: number; h: number }): Promise<number> {
  // A string, so that no build-time helper ends up in the page.
  return page.evaluate(`(() => {
    const video = document.querySelector('.element-node[data-element-id="webRtcEndpoint"] video');
    const canvas = document.createElement('canvas');
    canvas.width = 640; canvas.height = 480;
    const g = canvas.getContext('2d');
    g.drawImage(video, 0, 0, 640, 480);
    const d = g.getImageData(${box.x}, ${box.y}, ${box.w}, ${box.h}).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += d[i] + d[i + 1] + d[i + 2];
    return sum / (d.length / 4) / 3;
  })()`);
}

it('puts a hat on the face in the live video, built from an empty canvas', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(served.url);
  await page.getByRole('button', { name: 'New blank graph' }).click();
  const pane = page.locator('.react-flow__pane');
  await page.locator('.palette-item[data-type="WebRtcEndpoint"]').dragTo(pane, { targetPosition: { x: 80, y: 100 } });
  await page.locator('.palette-item[data-type="FaceOverlayFilter"]').dragTo(pane, { targetPosition: { x: 560, y: 200 } });
  await pane.click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('f');
  // Fit animates the view: wire once it has settled.
  const transform = () => page.locator('.react-flow__viewport').evaluate((v: HTMLElement) => v.style.transform);
  await expect
    .poll(async () => {
      const before = await transform();
      await new Promise((resolve) => setTimeout(resolve, 150));
      return before === (await transform());
    })
    .toBe(true);
  const handle = (node: string, side: string) => page.locator(`.react-flow__handle.${side}[data-nodeid="${node}"][data-handleid="default|*"]`);
  await wire(page, handle('webRtcEndpoint', 'source'), handle('faceOverlayFilter', 'target'));
  await wire(page, handle('faceOverlayFilter', 'source'), handle('webRtcEndpoint', 'target'));
  await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

  await page.getByTestId('run').click();
  const video = page.locator('.element-node[data-element-id="webRtcEndpoint"] video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 60_000 }).toBe(640);
  // Above the head (where the hat will go) and a patch of plain background, before the hat.
  const head = { x: CAMERA_FACE.cx - 40, y: 20, w: 80, h: 45 };
  const background = { x: 600, y: 400, w: 30, h: 60 };
  await expect.poll(() => brightness(page, background), { timeout: 30_000 }).toBeGreaterThan(60);
  const headBefore = await brightness(page, head);
  const backgroundBefore = await brightness(page, background);

  await page.locator('.element-node[data-element-id="faceOverlayFilter"] .node-header').click();
  const arg = (name: string) => page.locator(`[data-section="actions"] [data-field="${name}"] input`);
  await arg('uri').fill(`file://${join(PROJECT_ROOT, 'assets', 'overlays', 'hat.png')}`);
  await arg('offsetXPercent').fill('-0.2');
  await arg('offsetYPercent').fill('-0.8');
  await arg('widthPercent').fill('1.4');
  await arg('heightPercent').fill('1.0');
  await page.getByRole('button', { name: 'setOverlayedImage', exact: true }).click();

  await expect.poll(async () => Math.abs((await brightness(page, head)) - headBefore), { timeout: 60_000 }).toBeGreaterThan(20);
  expect(Math.abs((await brightness(page, background)) - backgroundBefore)).toBeLessThan(10);
  await page.screenshot({ path: join(ARTIFACTS, 'magic-mirror-hat.png') });
  await page.getByTestId('run').click();
  await context.close();
}, 240_000);
