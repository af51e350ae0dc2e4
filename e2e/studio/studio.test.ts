/**
 * The studio in Debian's Chromium against a real `fluo serve`: token check, template →
 * graph, palette, wires (one refused with its reason), inspector, save → history, export
 * equal to `fluo export`, live previews, and the Magic Mirror's hat on a face in the video that
 * comes back from the engine. One file, run in order: media tests compete for the CPU.
 * Screenshots go to e2e/studio/artifacts/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { catalogData } from '../../app/studio/catalog-data.ts';
import { PROJECT_ROOT } from '../../app/studio/renderer-build.ts';
import { bigDocument } from '../../bench/studio.ts';
import { nodeGeometry } from '../../renderer/src/canvas/node-geometry.ts';
import { CAMERA_FACE, writeFaceCamera } from './fake-camera.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ARTIFACTS, fluo, launchChromium, startServe, wire, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
let folder: string;

beforeAll(async () => {
  // The page's fake camera shows a face (the astronaut), so the face filters have work to do.
  folder = mkdtempSync(join(tmpdir(), 'fluo-e2e-camera-'));
  const camera = await writeFaceCamera(folder, 10);
  [served, browser] = await Promise.all([startServe(), launchChromium([`--use-file-for-fake-video-capture=${camera}`])]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/**
 * A rectangle of the video the engine sends back to a node's preview, in camera pixels: its
 * mean brightness (0-255) and the share of its pixels that are clearly green (the hat).
 */
function videoRegion(page: Page, elementId: string, box: { x: number; y: number; w: number; h: number }): Promise<{ brightness: number; green: number }> {
  // A string, so that no build-time helper ends up in the page.
  return page.evaluate(`(() => {
    const video = document.querySelector('.element-node[data-element-id="${elementId}"] video');
    const canvas = document.createElement('canvas');
    canvas.width = 640; canvas.height = 480;
    const g = canvas.getContext('2d');
    g.drawImage(video, 0, 0, 640, 480);
    const d = g.getImageData(${box.x}, ${box.y}, ${box.w}, ${box.h}).data;
    let sum = 0;
    let green = 0;
    for (let i = 0; i < d.length; i += 4) {
      sum += d[i] + d[i + 1] + d[i + 2];
      if (d[i + 1] > d[i] + 40 && d[i + 1] > d[i + 2] + 40) green += 1;
    }
    return { brightness: sum / (d.length / 4) / 3, green: green / (d.length / 4) };
  })()`);
}

async function brightness(page: Page, box: { x: number; y: number; w: number; h: number }): Promise<number> {
  return (await videoRegion(page, 'webRtcEndpoint', box)).brightness;
}

/** Above the astronaut's head in the fake camera's picture: where the Magic Mirror's hat goes. */
const ABOVE_HEAD = { x: CAMERA_FACE.cx - 40, y: 20, w: 80, h: 45 };

const SPECS = new Map(catalogData().elements.map((e) => [e.type, e]));

/** Every drawn node's size and handle boxes, in flow units relative to the node (as React Flow measures them). */
function drawnGeometry(page: Page): Promise<{ type: string; width: number; height: number; handles: { id: string; type: string; x: number; y: number; width: number; height: number }[] }[]> {
  return page.evaluate(`(() => {
    const zoom = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a;
    return [...document.querySelectorAll('.react-flow__node')].map((node) => {
      const box = node.getBoundingClientRect();
      return {
        type: node.querySelector('.element-node').dataset.type,
        width: box.width / zoom,
        height: box.height / zoom,
        handles: [...node.querySelectorAll('.react-flow__handle')].map((h) => {
          const r = h.getBoundingClientRect();
          return { id: h.dataset.handleid, type: h.classList.contains('source') ? 'source' : 'target', x: (r.left - box.left) / zoom, y: (r.top - box.top) / zoom, width: r.width / zoom, height: r.height / zoom };
        }),
      };
    });
  })()`);
}

/** Stops the page's run and waits until the engine has released it (a run left behind slows the next test's media). */
async function stopRun(page: Page): Promise<void> {
  await page.getByTestId('run').click();
  await expect.poll(() => page.getByTestId('run').textContent()).toContain('Run');
}

/** Nodes not wholly inside the canvas, or partly under the zoom bar or the overview. */
function hiddenNodes(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const box = (selector) => document.querySelector(selector).getBoundingClientRect();
    const canvas = box('[data-testid="canvas"]');
    const panels = [box('.react-flow__controls'), box('[data-testid="overview"]')];
    const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return [...document.querySelectorAll('.react-flow__node')].filter((node) => {
      const r = node.getBoundingClientRect();
      const inside = r.left >= canvas.left && r.right <= canvas.right && r.top >= canvas.top && r.bottom <= canvas.bottom;
      return !inside || panels.some((p) => overlaps(r, p));
    }).map((node) => node.dataset.id);
  })()`);
}

function handle(page: Page, node: string, side: 'source' | 'target', id = 'default|*'): Locator {
  return page.locator(`.react-flow__handle.${side}[data-nodeid="${node}"][data-handleid="${id}"]`);
}


describe('studio in a browser', () => {
  it('serves the page and the RPC only with the per-launch token', async () => {
    expect((await fetch(`${served.origin}/`)).status).toBe(403);
    expect((await fetch(`${served.origin}/?token=wrong-${served.token}`)).status).toBe(403);
    const page = await fetch(served.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${served.origin.replace('http', 'ws')}/rpc`);
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });

  it('builds a graph from a template, wires it, edits it, saves revisions and exports what `fluo export` prints', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (dialog) => void dialog.accept('E2E Mirror'));
    await page.goto(served.url);
    await page.locator('[data-template="Magic Mirror"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'start-light.png') });

    // Start screen → template.
    await page.locator('[data-template="Magic Mirror"]').click();
    await expect.poll(() => page.locator('.element-node').count()).toBe(2);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, 'template-opened.png') });
    // Nodes off screen are never drawn: React Flow takes their size and handles from
    // nodeGeometry, which must match what the browser lays out for a drawn node.
    for (const drawn of await drawnGeometry(page)) {
      const computed = nodeGeometry(SPECS.get(drawn.type), false);
      expect(Math.abs(drawn.width - computed.width), `${drawn.type} width`).toBeLessThan(0.6);
      expect(Math.abs(drawn.height - computed.height), `${drawn.type} height`).toBeLessThan(0.6);
      const expected = computed.handles.map((h) => ({ id: h.id, type: h.type, x: h.x, y: h.y, width: h.width, height: h.height }));
      expect(drawn.handles).toEqual(expect.arrayContaining(expected.map((h) => expect.objectContaining({ id: h.id, type: h.type }))));
      for (const handle of expected) {
        const box = drawn.handles.find((h) => h.id === handle.id && h.type === handle.type)!;
        for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(box[key] - handle[key]!), `${drawn.type} ${handle.type} ${handle.id} ${key}`).toBeLessThan(0.6);
      }
    }

    // The overview pans the view by dragging and zooms it with the wheel, then "f" fits again.
    const viewport = () => page.evaluate(`new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).toString()`);
    const framed = await viewport();
    const overview = (await page.getByTestId('overview').boundingBox())!;
    await page.mouse.move(overview.x + overview.width / 2, overview.y + overview.height / 2);
    await page.mouse.down();
    await page.mouse.move(overview.x + overview.width / 2 + 20, overview.y + overview.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(viewport).not.toBe(framed);
    const panned = await viewport();
    await page.mouse.wheel(0, -200);
    await expect.poll(viewport).not.toBe(panned);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    await expect.poll(viewport).toBe(framed);

    // Palette → canvas (HTML5 drag and drop).
    await page.locator('.palette-item[data-type="RecorderEndpoint"]').dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 820, y: 110 } });
    await expect.poll(() => page.locator('.element-node[data-type="RecorderEndpoint"]').count()).toBe(1);
    await page.keyboard.press('f');
    // The recorder needs its uri: the document is invalid and the node says so.
    await expect.poll(() => page.locator('.element-node[data-type="RecorderEndpoint"].invalid').count()).toBe(1);

    await page.screenshot({ path: join(ARTIFACTS, 'recorder-added.png') });
    // A valid wire: face overlay → recorder.
    await wire(page, handle(page, 'faceOverlay', 'source'), handle(page, 'recorderEndpoint', 'target'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);

    // A refused wire: face overlay → browser exists already; the reason comes from app/document's validator.
    await wire(page, handle(page, 'faceOverlay', 'source'), handle(page, 'webrtc', 'target'));
    await expect.poll(() => page.locator('.toast-error').allTextContents()).toEqual([expect.stringMatching(/Connection refused: Duplicate connection.*'faceOverlay' to 'webrtc'/)]);
    expect(await page.locator('.react-flow__edge').count()).toBe(3);
    await page.screenshot({ path: join(ARTIFACTS, 'wire-refused.png') });

    // Inspector: the recorder's uri, checked as typed.
    await page.locator('.element-node[data-type="RecorderEndpoint"] .node-header').click();
    const uri = page.locator('[data-testid="inspector"] [data-field="uri"] input');
    await uri.fill('file:///tmp/fluo-e2e.webm');
    await expect.poll(() => page.locator('.element-node[data-type="RecorderEndpoint"].invalid').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'inspector.png') });

    // Save (named through the prompt) → revision 1 in the history; another edit and save → revision 2.
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('graph-title').textContent()).toContain('r1');
    await page.getByRole('tab', { name: 'Graphs' }).click();
    await expect.poll(() => page.locator('[data-testid="revisions"] li').count()).toBe(1);
    await page.locator('.element-node[data-type="RecorderEndpoint"] .node-header').click();
    await page.locator('#inspector-label').fill('Archive');
    await expect(page.getByTestId('unsaved').count()).resolves.toBe(1);
    await page.keyboard.press('Escape');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('[data-testid="revisions"] li').count()).toBe(2);
    expect(await page.getByTestId('unsaved').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'saved-history.png') });

    // Export equals `fluo export` of the saved graph, byte for byte.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported).toBe(fluo(served.db, 'export', 'E2E Mirror'));
    expect(JSON.parse(exported).elements.map((e: { id: string }) => e.id)).toEqual(['webrtc', 'faceOverlay', 'recorderEndpoint']);

    // Reload: the saved graph and its history come back from the store.
    await page.reload();
    await page.locator('.recent-graphs').getByText('E2E Mirror').click();
    await expect.poll(() => page.locator('.element-node').count()).toBe(3);
    await page.getByRole('tab', { name: 'Graphs' }).click();
    await expect.poll(() => page.locator('[data-testid="revisions"] li').count()).toBe(2);

    // An unsaved edit is kept as a draft: after a reload the editor offers it back.
    await page.getByRole('tab', { name: 'Elements' }).click();
    await page.locator('.palette-item[data-type="PassThrough"]').dblclick();
    await expect.poll(() => page.locator('.element-node').count()).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await page.reload();
    await page.locator('.recent-graphs').getByText('E2E Mirror').click();
    await expect.poll(() => page.locator('.element-node').count()).toBe(4);

    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);

  it('runs the Hello World loopback: the page camera goes through the engine and comes back, frames advancing', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(served.url);
    await page.locator('[data-template="Hello World loopback"]').click();
    // The wire from the endpoint to itself loops under the node (not a curve hidden behind it).
    const node = (await page.locator('.react-flow__node[data-id="webrtc"]').boundingBox())!;
    const loop = (await page.locator('.react-flow__edge path.react-flow__edge-path').first().boundingBox())!;
    expect(loop.y + loop.height).toBeGreaterThan(node.y + node.height);
    expect(loop.x).toBeLessThan(node.x);
    expect(loop.x + loop.width).toBeGreaterThan(node.x + node.width);
    await page.getByTestId('run').click();
    await expect.poll(() => page.locator('.element-node[data-element-id="webrtc"] .state-badge').getAttribute('data-state'), { timeout: 60_000 }).toBe('flowing');
    const video = page.locator('.element-node[data-element-id="webrtc"] video.node-preview');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 60_000 }).toBeGreaterThan(0);
    const first = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 60_000 }).toBeGreaterThan(first + 0.5);
    await expect.poll(() => page.getByTestId('preview-stats').textContent(), { timeout: 60_000 }).toMatch(/\d+×\d+ · \d+ fps/);
    await page.screenshot({ path: join(ARTIFACTS, 'running-loopback-dark.png') });
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('run').textContent()).toContain('Run');
    await expect.poll(() => page.locator('.state-badge').count()).toBe(0);
    await context.close();
  }, 120_000);

  it("previews any element's output: a test pattern's video reaches the inspector", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(served.url);
    await page.getByRole('button', { name: 'New blank graph' }).click();
    await page.locator('.palette-item[data-type="TestPatternEndpoint"]').dblclick();
    await page.getByTestId('run').click();
    await expect.poll(() => page.locator('.state-badge').getAttribute('data-state'), { timeout: 60_000 }).toBe('flowing');
    await page.locator('.element-node .node-header').click();
    await page.getByRole('button', { name: 'Preview output' }).click();
    const video = page.getByTestId('inspector-preview');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => `${v.videoWidth}x${v.videoHeight}`), { timeout: 60_000 }).toBe('640x480');
    const first = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 60_000 }).toBeGreaterThan(first + 0.5);
    await page.screenshot({ path: join(ARTIFACTS, 'preview-light.png') });
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('run').textContent()).toContain('Run');
    await context.close();
  }, 120_000);

  it('lists the problems of a broken file with their JSON paths and changes nothing; an engine error marks its node', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(served.url);
    await page.locator('[data-template="Magic Mirror"]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'start-dark.png') });
    await page.locator('[data-template="Magic Mirror"]').click();
    await expect.poll(() => page.locator('.element-node').count()).toBe(2);
    const broken = JSON.stringify({ format: 'fluo.pipeline', version: 1, metadata: { name: 'Broken' }, elements: [{ id: 'a', type: 'WebRtcEndpoint' }, { id: 'b', type: 'NoSuchFilter' }], connections: [{ from: 'a', to: 'c' }] }, null, 2);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import' }).click()]);
    await chooser.setFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    const dialog = page.getByTestId('problems-dialog');
    await expect.poll(() => dialog.locator('li code').allTextContents()).toEqual(expect.arrayContaining(['/elements/1/type', '/connections/0/to']));
    await page.screenshot({ path: join(ARTIFACTS, 'import-problems-dark.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.locator('.element-node').count()).toBe(2);
    expect(await page.getByTestId('graph-title').textContent()).toContain('Magic Mirror');

    // An engine error points at the node that raised it: badge on the node, entry in the log.
    page.on('dialog', (dialog) => void dialog.accept());
    await page.locator('.brand').click();
    await page.locator('[data-template="Player"]').click();
    await page.locator('.element-node[data-element-id="player"] .node-header').click();
    await page.locator('[data-testid="inspector"] [data-field="uri"] input').fill('file:///nonexistent/fluo-e2e-missing.webm');
    await page.getByTestId('run').click();
    await expect.poll(() => page.locator('.element-node[data-element-id="player"] .state-badge').getAttribute('data-state'), { timeout: 60_000 }).toBe('error');
    await expect.poll(() => page.locator('.event-rows .level-error').first().textContent()).toContain('fluo-e2e-missing.webm');
    // The node itself says what went wrong, not only the badge.
    await expect.poll(() => page.locator('.element-node[data-element-id="player"] [data-testid="node-error"]').textContent()).toContain('fluo-e2e-missing.webm');
    await page.screenshot({ path: join(ARTIFACTS, 'error-state-dark.png') });
    await stopRun(page);
    await context.close();
  }, 90_000);

  it('opens a 500-element graph zoomed out as overview cards whose wires keep their ends; zoomed in, the handles come back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'warning' && pageErrors.push(m.text()));
    await page.goto(served.url);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import JSON…' }).click()]);
    await chooser.setFiles({ name: 'bench-500.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bigDocument())) });
    await expect.poll(() => page.locator('.element-node.overview-card').count()).toBeGreaterThan(10);
    expect(await page.locator('.react-flow__handle.media-handle').count()).toBe(0);
    // Every end of a drawn wire at a drawn node sits on one of that node's dots (React Flow
    // places wires from the computed handle boxes, not from handles in the page).
    const ends = () =>
      page.evaluate(`(() => {
        const m = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).inverse();
        const origin = document.querySelector('.react-flow').getBoundingClientRect();
        const toFlow = (x, y) => { const p = m.transformPoint(new DOMPoint(x - origin.left, y - origin.top)); return [p.x, p.y]; };
        // A wire leaves an output at the outer edge of its handle and enters an input at its outer edge, mid-height.
        const end = (el, outer) => { const r = el.getBoundingClientRect(); return toFlow(r[outer], r.top + r.height / 2); };
        const sources = [...document.querySelectorAll('.element-node .pad-dot.source, .element-node .react-flow__handle.source')].map((el) => end(el, 'right'));
        const targets = [...document.querySelectorAll('.element-node .pad-dot.target, .element-node .react-flow__handle.target')].map((el) => end(el, 'left'));
        const nodes = [...document.querySelectorAll('.react-flow__node')].map((n) => { const r = n.getBoundingClientRect(); return [...toFlow(r.left, r.top), ...toFlow(r.right, r.bottom)]; });
        const atNode = ([x, y]) => nodes.some(([l, t, r, b]) => x >= l - 8 && x <= r + 8 && y >= t && y <= b);
        const near = (point, list) => list.some(([x, y]) => Math.hypot(x - point[0], y - point[1]) < 1);
        let checked = 0;
        let loose = 0;
        for (const path of document.querySelectorAll('.react-flow__edge-path')) {
          const a = path.getPointAtLength(0);
          const b = path.getPointAtLength(path.getTotalLength());
          for (const [point, dots] of [[[a.x, a.y], sources], [[b.x, b.y], targets]]) {
            if (!atNode(point)) continue;
            checked += 1;
            if (!near(point, dots)) loose += 1;
          }
        }
        return { checked, loose };
      })()`) as Promise<{ checked: number; loose: number }>;
    const zoomedOut = await ends();
    expect(zoomedOut.checked).toBeGreaterThan(20);
    expect(zoomedOut.loose).toBe(0);

    // Two steps in (×1.2 each) from the opening half size: past OVERVIEW_ZOOM.
    await page.locator('.react-flow__controls-zoomin').click();
    await page.locator('.react-flow__controls-zoomin').click();
    await expect.poll(() => page.locator('.element-node.overview-card').count()).toBe(0);
    await expect.poll(() => page.locator('.react-flow__handle.media-handle').count()).toBeGreaterThan(10);
    const zoomedIn = await ends();
    expect(zoomedIn.checked).toBeGreaterThan(10);
    expect(zoomedIn.loose).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'large-graph.png') });
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 60_000);

  // The screens a person sees most, in both themes, kept as artefacts to look at: the start
  // screen, the Magic Mirror running (the camera through the face overlay, back in the
  // preview), the inspector of a running element with its live output, and an engine error.
  for (const theme of ['light', 'dark'] as const) {
    it(`shows the main screens in the ${theme} theme`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: theme });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      page.on('dialog', (dialog) => void dialog.accept());
      await page.goto(served.url);
      await page.locator('[data-template="Magic Mirror"]').waitFor();
      expect(await page.evaluate('document.documentElement.dataset.theme')).toBe(theme);
      await page.screenshot({ path: join(ARTIFACTS, `main-start-${theme}.png`) });

      await page.locator('[data-template="Magic Mirror"]').click();
      await page.getByTestId('run').click();
      const video = page.locator('.element-node[data-element-id="webrtc"] video.node-preview');
      await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 60_000 }).toBeGreaterThan(1);
      await expect.poll(() => page.locator('.state-badge[data-state="flowing"]').count(), { timeout: 60_000 }).toBe(2);
      await expect.poll(() => page.getByTestId('preview-stats').textContent(), { timeout: 30_000 }).toMatch(/\d+×\d+ · \d+ fps · \d+ kb\/s/);
      // The template's saved call puts the hat on: green above the head in the video that comes back.
      await expect.poll(async () => (await videoRegion(page, 'webrtc', ABOVE_HEAD)).green, { timeout: 60_000 }).toBeGreaterThan(0.3);
      // The view follows the nodes as the preview makes one taller: every node inside the
      // canvas, none under the zoom bar or the overview.
      await expect.poll(() => hiddenNodes(page), { timeout: 5_000 }).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `main-running-${theme}.png`) });

      await page.locator('.element-node[data-element-id="faceOverlay"] .node-header').click();
      await page.getByRole('button', { name: 'Preview output' }).click();
      const preview = page.getByTestId('inspector-preview');
      await expect.poll(() => preview.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 60_000 }).toBeGreaterThan(1);
      await page.screenshot({ path: join(ARTIFACTS, `main-inspector-${theme}.png`) });
      await stopRun(page);

      await page.locator('.brand').click();
      await page.locator('[data-template="Player"]').click();
      await page.locator('.element-node[data-element-id="player"] .node-header').click();
      await page.locator('[data-testid="inspector"] [data-field="uri"] input').fill('file:///nonexistent/fluo-e2e-missing.webm');
      await page.getByTestId('run').click();
      await expect.poll(() => page.locator('.element-node[data-element-id="player"] [data-testid="node-error"]').textContent(), { timeout: 60_000 }).toContain('fluo-e2e-missing.webm');
      await expect.poll(() => page.locator('.element-node[data-element-id="webrtc"] .preview-waiting').count()).toBe(1);
      await expect.poll(() => hiddenNodes(page), { timeout: 5_000 }).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `main-error-${theme}.png`) });
      await stopRun(page);
      expect(pageErrors).toEqual([]);
      await context.close();
    }, 180_000);
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
    const handle = (node: string, side: string) => page.locator(`.react-flow__handle.${side}[data-nodeid="${node}"][data-handleid="default|*"]`);
    await wire(page, handle('webRtcEndpoint', 'source'), handle('faceOverlayFilter', 'target'));
    await wire(page, handle('faceOverlayFilter', 'source'), handle('webRtcEndpoint', 'target'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    await page.getByTestId('run').click();
    const video = page.locator('.element-node[data-element-id="webRtcEndpoint"] video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 60_000 }).toBe(640);
    // Above the head (where the hat will go) and a patch of plain background, before the hat.
    const head = ABOVE_HEAD;
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

    try {
      await expect.poll(async () => Math.abs((await brightness(page, head)) - headBefore), { timeout: 90_000 }).toBeGreaterThan(20);
    } finally {
      await page.screenshot({ path: join(ARTIFACTS, 'magic-mirror-hat.png') });
    }
    expect(Math.abs((await brightness(page, background)) - backgroundBefore)).toBeLessThan(10);
    await stopRun(page);
    await context.close();
  }, 240_000);
});
