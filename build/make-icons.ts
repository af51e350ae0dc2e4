// Renders build/icons/icon.svg into every icon the packagers want and writes them beside it:
//   icons/png/<N>x<N>.png (Linux, N = 16..1024), icons/icon.ico (Windows),
//   icons/icon.icns (macOS). Run `npx tsx build/make-icons.ts` after editing the SVG; commit the results.
// The SVG is rasterized once at 1024 px by headless Chromium (FFmpeg here has no SVG decoder), then
// FFmpeg (node-av) scales it down with a Lanczos filter and encodes each size as PNG.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Decoder, Demuxer, Encoder, FilterAPI } from 'node-av/api';
import type { Frame } from 'node-av';
import { FF_ENCODER_PNG } from 'node-av/constants';
import { chromium } from 'playwright-core';

const iconsDir = path.join(import.meta.dirname, 'icons');
const pngDir = path.join(iconsDir, 'png');
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS chunk types and their pixel sizes (the @2x types reuse the larger PNGs). */
export const ICNS_TYPES: readonly (readonly [string, number])[] = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

async function rasterizeSvg(svgFile: string, size: number): Promise<Buffer> {
  const svg = readFileSync(svgFile, 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<!doctype html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body>`);
    return await page.locator('svg').screenshot({ omitBackground: true });
  } finally {
    await browser.close();
  }
}

/** Scales a PNG file to size x size with FFmpeg and returns the encoded PNG. */
async function scalePng(sourceFile: string, size: number): Promise<Buffer> {
  const input = await Demuxer.open(sourceFile);
  try {
    const stream = input.video();
    if (!stream) throw new Error(`${sourceFile}: no image stream`);
    const decoder = await Decoder.create(stream);
    const filter = FilterAPI.create(`scale=${size}:${size}:flags=lanczos+accurate_rnd+full_chroma_int,format=rgba`);
    const encoder = await Encoder.create(FF_ENCODER_PNG, {});
    // The synchronous calls: the async generators need Promise.withResolvers (Node 22+).
    const frames: Frame[] = [];
    for (const packet of input.packetsSync(stream.index)) frames.push(...decoder.decodeAllSync(packet));
    const scaled = [...frames.flatMap((frame) => filter.processAllSync(frame)), ...filter.flushFramesSync()];
    const packets = [...scaled.flatMap((frame) => encoder.encodeAllSync(frame)), ...encoder.encodeAllSync(null)];
    if (packets.length !== 1) throw new Error(`${sourceFile} -> ${size}px: expected one PNG, got ${packets.length}`);
    const data = packets[0]?.data;
    if (!data) throw new Error(`${sourceFile} -> ${size}px: empty PNG packet`);
    return Buffer.from(data);
  } finally {
    input.closeSync();
  }
}

/** Windows .ico holding PNG-compressed images (Vista and later read these). */
export function writeIco(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2);
    header.writeUInt8(0, entry + 3);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}

/** macOS .icns with PNG chunks. */
export function writeIcns(chunks: readonly { type: string; png: Buffer }[]): Buffer {
  const parts = chunks.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

async function main(): Promise<void> {
  mkdirSync(pngDir, { recursive: true });
  const master = path.join(pngDir, '1024x1024.png');
  writeFileSync(master, await rasterizeSvg(path.join(iconsDir, 'icon.svg'), 1024));
  const pngs = new Map<number, Buffer>();
  for (const size of PNG_SIZES) {
    const png = size === 1024 ? readFileSync(master) : await scalePng(master, size);
    pngs.set(size, png);
    writeFileSync(path.join(pngDir, `${size}x${size}.png`), png);
  }
  const png = (size: number): Buffer => {
    const found = pngs.get(size);
    if (!found) throw new Error(`no ${size}px PNG`);
    return found;
  };
  writeFileSync(path.join(iconsDir, 'icon.ico'), writeIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
  writeFileSync(path.join(iconsDir, 'icon.icns'), writeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png(size) }))));
  console.log(`make-icons: wrote ${PNG_SIZES.length} PNGs, icon.ico (${ICO_SIZES.join(', ')}), icon.icns (${ICNS_TYPES.length} chunks) in ${path.relative(process.cwd(), iconsDir)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await main();
