// Packaging, checked with the packager's own code: electron-builder validates the configuration
// (and rejects a broken one), the committed icons are what the packagers read, and the engine host
// bundle that ships inside the app serves the RPC under plain Node.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { RpcClient, messagePortChannel } from '../app/rpc/client.ts';
import { HOST_CONNECT } from '../app/host/host-messages.ts';
import { bundleEntries, bundleHost } from './bundle-host.ts';
import { ICNS_TYPES, ICO_SIZES, PNG_SIZES } from './make-icons.ts';
import type * as SelfRelativeService from './testing/self-relative/service.ts';
import { configFile, loadAndValidateConfig, root } from './packaging.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'fluo-build-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('is valid for electron-builder and describes the Fluo app', async () => {
    const config = await loadAndValidateConfig();
    expect(config).toMatchObject({
      appId: 'org.fluo.studio',
      productName: 'Fluo',
      linux: { target: ['AppImage', 'deb'], icon: 'icons/png' },
      mac: { target: ['dmg'], icon: 'icons/icon.icns' },
      win: { target: ['nsis'], icon: 'icons/icon.ico' },
      fileAssociations: [{ ext: 'fluo.json', name: 'Fluo Pipeline' }],
      electronFuses: { runAsNode: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true },
    });
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/node-av/**', 'node_modules/@seydx/**', 'assets/**']),
    );
  });

  it('is rejected by electron-builder when broken', async () => {
    const broken = path.join(scratch, 'broken.yml');
    writeFileSync(broken, `${readFileSync(configFile, 'utf8')}\nasarUnpackk: oops\n`);
    await expect(loadAndValidateConfig(broken)).rejects.toThrow(/unknown property 'asarUnpackk'/);
  });
});

describe('icons', () => {
  const icons = path.join(root, 'build', 'icons');

  it('has a PNG at every size Linux wants', () => {
    for (const size of PNG_SIZES) {
      expect(pngSize(readFileSync(path.join(icons, 'png', `${size}x${size}.png`)))).toEqual({ width: size, height: size });
    }
  });

  it('has a Windows .ico with every size, each a PNG of that size', () => {
    const ico = readFileSync(path.join(icons, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, ICO_SIZES.length]);
    ICO_SIZES.forEach((size, i) => {
      const entry = 6 + 16 * i;
      expect(ico.readUInt8(entry) || 256).toBe(size);
      const bytes = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(pngSize(ico.subarray(offset, offset + bytes))).toEqual({ width: size, height: size });
    });
  });

  it('has a macOS .icns whose chunks hold PNGs of their declared sizes', () => {
    const icns = readFileSync(path.join(icons, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: string[] = [];
    for (let offset = 8; offset < icns.length; ) {
      const type = icns.subarray(offset, offset + 4).toString('latin1');
      const length = icns.readUInt32BE(offset + 4);
      const size = ICNS_TYPES.find(([t]) => t === type)?.[1];
      expect(size, type).toBeDefined();
      expect(pngSize(icns.subarray(offset + 8, offset + length))).toEqual({ width: size, height: size });
      found.push(type);
      offset += length;
    }
    expect(found).toEqual(ICNS_TYPES.map(([type]) => type));
  });
});

describe('packaged engine host bundle', () => {
  it('keeps worker modules and files found from import.meta working in the bundle', async () => {
    const fixture = path.join(root, 'build', 'testing', 'self-relative', 'service.ts');
    const fromSources = (await import(fixture)) as typeof SelfRelativeService;
    const expected = 'worker read: fixture data for bundle-host';
    expect(await fromSources.askWorker()).toBe(expected);
    // Two levels below the root, like main/dist, so npm imports resolve from the project's node_modules.
    const outdir = path.join(root, 'main', `dist-bundle-test-${process.pid}`);
    try {
      const bundles = await bundleEntries({ service: fixture }, outdir);
      expect(bundles.files.map((file) => path.basename(file)).sort()).toEqual(['launcher.mjs', 'service.mjs', 'worker.mjs']);
      for (const file of bundles.files) {
        const text = readFileSync(file, 'utf8');
        expect(text, file).not.toMatch(/from ['"]tsx|import\.meta\.dirname|\.ts['"], import\.meta\.url/);
      }
      const bundled = (await import(path.join(outdir, 'service.mjs'))) as typeof fromSources;
      expect(await bundled.askWorker()).toBe(expected);
      expect(bundled.DATA_FILE).toBe(fromSources.DATA_FILE);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('leaves no reference to a file the host bundle does not ship', async () => {
    const outdir = path.join(root, 'main', `dist-host-test-${process.pid}`);
    try {
      const bundles = await bundleEntries({ 'host-process': path.join(root, 'app', 'host', 'host-process.ts') }, outdir);
      const shipped = new Set(readdirSync(outdir));
      for (const file of bundles.files) {
        const text = readFileSync(file, 'utf8');
        for (const [, referenced] of text.matchAll(/new URL\(\s*['"]\.\/([^'"]+)['"],\s*import\.meta\.url/g)) {
          expect(shipped, `${path.basename(file)} references ${referenced}`).toContain(referenced);
        }
        expect(text).not.toMatch(/from ['"]tsx/);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('serves the RPC under plain Node, as the utilityProcess runs it', async () => {
    // Inside main/dist so that its npm imports resolve from the project's node_modules, as in app.asar.
    const outfile = path.join(root, 'main', 'dist', `host-process.test-${process.pid}.mjs`);
    try {
      await bundleHost(outfile);
      const worker = new Worker(outfile, { argv: [`--db=${path.join(scratch, 'fluo.sqlite')}`], stdout: true, stderr: true });
      try {
        const ready = await new Promise<{ type: string }>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
        expect(ready.type).toBe('fluo:host-ready');
        const { port1, port2 } = new MessageChannel();
        worker.postMessage({ type: HOST_CONNECT, port: port1 }, [port1]);
        const client = new RpcClient(messagePortChannel(port2));
        expect((await client.call('templates.list', {})).length).toBeGreaterThan(0);
        client.close();
      } finally {
        await worker.terminate();
      }
    } finally {
      rmSync(outfile, { force: true });
      rmSync(`${outfile}.map`, { force: true });
    }
  });
});
