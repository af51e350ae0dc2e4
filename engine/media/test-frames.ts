/** Helpers that make real frames for tests and the bench (not used by the engine itself). */
import { Decoder, Demuxer, Encoder, Frame, Muxer, Packet, Rational } from 'node-av';
import { AV_PIX_FMT_YUV420P, FF_ENCODER_MPEG4 } from 'node-av/constants';
import type { RawVideoUnit } from './media-unit.ts';

/**
 * A yuv420p frame of one colour (Y, U, V), with a moving bar so encoders see motion. Pixels are
 * written into memory FFmpeg allocated (Frame.fromVideoBuffer would point at a GC-able JS buffer).
 */
export function solidFrame(width: number, height: number, yuv: [number, number, number], index = 0): Frame {
  const frame = new Frame();
  frame.alloc();
  frame.width = width;
  frame.height = height;
  frame.format = AV_PIX_FMT_YUV420P;
  frame.timeBase = new Rational(1, 1_000_000);
  const planes = frame.getBuffer(32) >= 0 ? frame.data : null;
  if (!planes) {
    frame.free();
    throw new Error(`cannot allocate a ${width}x${height} frame`);
  }
  const barX = (index * 8) % width;
  for (let p = 0; p < 3; p++) {
    const rows = p === 0 ? height : height / 2;
    const stride = frame.linesize[p]!;
    for (let y = 0; y < rows; y++) planes[p]!.fill(yuv[p]!, y * stride, y * stride + (p === 0 ? width : width / 2));
  }
  for (let y = 0; y < height; y++) planes[0]!.fill(235, y * frame.linesize[0]! + barX, y * frame.linesize[0]! + Math.min(width, barX + 8));
  return frame;
}

export function rawVideoUnit(width: number, height: number, index: number, fps = 30, yuv: [number, number, number] = [81, 90, 240]): RawVideoUnit {
  const timestampUs = Math.round((index * 1_000_000) / fps);
  const frame = solidFrame(width, height, yuv, index);
  frame.pts = BigInt(timestampUs);
  return { kind: 'raw-video', mediaType: 'VIDEO', frame, width, height, timestampUs };
}

/** Real-looking frames (moving testsrc2 with noise-like detail), decoded from lavfi. */
export async function patternFrames(width: number, height: number, count: number): Promise<Frame[]> {
  const demuxer = await Demuxer.open(`testsrc2=size=${width}x${height}:rate=30,format=yuv420p`, { format: 'lavfi' });
  const decoder = await Decoder.create(demuxer.streams[0]!, { rescale: { pixelFormat: AV_PIX_FMT_YUV420P } });
  const packet = new Packet();
  packet.alloc();
  const frames: Frame[] = [];
  while (frames.length < count && (await demuxer.getFormatContext().readFrame(packet)) >= 0) {
    frames.push(...(await decoder.decodeAll(packet)));
    packet.unref();
  }
  packet.free();
  decoder.close();
  await demuxer.close();
  return frames;
}

/**
 * Writes `seconds` of a solid-colour MPEG-4 Part 2 video into an AVI: a codec connections do
 * not carry encoded, so a player has to decode it.
 */
export async function writeMpeg4File(path: string, width: number, height: number, yuv: [number, number, number], seconds: number): Promise<void> {
  const encoder = await Encoder.create(FF_ENCODER_MPEG4, { context: { bitRate: 800_000, gopSize: 30, maxBFrames: 0 } });
  const muxer = await Muxer.open(path, { format: 'avi' });
  let stream = -1;
  for (let i = 0; i < seconds * 30; i++) {
    const frame = solidFrame(width, height, yuv, i);
    frame.timeBase = new Rational(1, 30);
    frame.pts = BigInt(i);
    for (const packet of await encoder.encodeAll(frame)) {
      if (stream < 0) stream = muxer.addStream(encoder);
      await muxer.writePacket(packet, stream);
      packet.free();
    }
    frame.free();
  }
  for (const packet of await encoder.encodeAll(null)) {
    await muxer.writePacket(packet, stream);
    packet.free();
  }
  await muxer.close();
  encoder.close();
}
