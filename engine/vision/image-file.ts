/**
 * Loads the images filters draw (overlays, logos): from file://, http(s):// or the bundled
 * assets/overlays folder (`asset:hat.png`, or just `hat.png`), decoded by FFmpeg into tightly
 * packed RGBA. Every failure says which URI and why, as a MediaError the caller can report.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Decoder, Demuxer, Packet, Scaler, type Frame } from 'node-av';
import { AVMEDIA_TYPE_VIDEO } from 'node-av/constants';
import { MediaError } from '../errors.ts';

export interface RgbaImage {
  width: number;
  height: number;
  /** width x height x 4 bytes, straight (not premultiplied) alpha. */
  rgba: Buffer;
}

export const ASSET_OVERLAYS = path.resolve(import.meta.dirname, '../../assets/overlays');
const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

/** The bytes behind an image URI. */
async function readImageBytes(uri: string): Promise<Buffer> {
  if (/^https?:\/\//i.test(uri)) {
    const response = await fetch(uri, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_IMAGE_BYTES) throw new Error(`larger than ${MAX_IMAGE_BYTES} bytes`);
    return bytes;
  }
  if (/^file:/i.test(uri)) return readFile(fileURLToPath(uri));
  const name = uri.replace(/^asset:/i, '');
  if (/^[\w.-]+$/.test(name) && !name.startsWith('.')) return readFile(path.join(ASSET_OVERLAYS, name));
  throw new Error('not a file://, http(s):// or bundled asset URI');
}

/** The first video frame FFmpeg decodes from an encoded image (PNG, JPEG, WebP, GIF...). */
async function decodeFirstFrame(bytes: Buffer): Promise<Frame> {
  const demuxer = await Demuxer.open(bytes);
  try {
    const stream = demuxer.streams.find((s) => s.codecpar.codecType === AVMEDIA_TYPE_VIDEO);
    if (!stream) throw new Error('no picture in it');
    const decoder = await Decoder.create(stream);
    try {
      const fc = demuxer.getFormatContext();
      const packet = new Packet();
      packet.alloc();
      try {
        while ((await fc.readFrame(packet)) >= 0) {
          if (packet.streamIndex === stream.index) {
            const frame = (await decoder.decodeAll(packet))[0];
            if (frame) return frame;
          }
          packet.unref();
        }
        const last = (await decoder.decodeAll(null))[0];
        if (last) return last;
        throw new Error('no picture could be decoded');
      } finally {
        packet.free();
      }
    } finally {
      decoder.close();
    }
  } finally {
    await demuxer.close();
  }
}

/** Decodes image bytes to RGBA. */
export async function decodeImage(bytes: Buffer): Promise<RgbaImage> {
  const frame = await decodeFirstFrame(bytes);
  try {
    const scaler = new Scaler();
    const rgba = await scaler.toBuffer(frame, { format: 'rgba' });
    scaler[Symbol.dispose]();
    return { width: frame.width, height: frame.height, rgba };
  } finally {
    frame.free();
  }
}

/** Loads and decodes an image URI; a MediaError names the URI and the reason. */
export async function loadImage(uri: string, who: string): Promise<RgbaImage> {
  let bytes: Buffer;
  try {
    bytes = await readImageBytes(uri);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const reason = missing ? 'file not found' : (error as Error).message;
    throw new MediaError(missing ? 'URI_PATH_FILE_NOT_FOUND' : 'MEDIA_OBJECT_ILLEGAL_PARAM_ERROR', `${who}: cannot read image '${uri}': ${reason}`);
  }
  try {
    return await decodeImage(bytes);
  } catch (error) {
    throw new MediaError('MEDIA_OBJECT_ILLEGAL_PARAM_ERROR', `${who}: '${uri}' is not an image FFmpeg can decode (${(error as Error).message})`);
  }
}
