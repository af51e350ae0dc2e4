/**
 * Reads a media file back the way a player would: container, per-track codec, duration and
 * number of decoded frames, and optionally one decoded video frame (for pixel checks).
 * Used by tests and the bench to prove what the engine wrote.
 */
import { Decoder, Demuxer, FilterAPI, Packet, Rational, type Frame } from 'node-av';
import { AV_NOPTS_VALUE, AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUVJ420P, AVMEDIA_TYPE_AUDIO, AVMEDIA_TYPE_VIDEO, AVSEEK_FLAG_BACKWARD } from 'node-av/constants';
import { applyColors, colorsOf, type FrameColors } from '../webrtc/color-space-payload.ts';
import { codecOfId } from './codec-ids.ts';
import type { AvMediaType, Codec } from './media-unit.ts';

export interface TrackReadBack {
  codec: Codec | string;
  frames: number;
  /** Span from the first to the end of the last frame, µs. */
  durationUs: number;
  /** Time of the first frame, µs (A/V sync: the tracks of one recording start together). */
  startUs: number;
  width?: number;
  height?: number;
  sampleRate?: number;
  /** The container's colour range for the track (AVColorRange: 0 unspecified, 1 limited, 2 full). */
  colorRange?: number;
}

export interface FileReadBack {
  format: string;
  /** The container's duration, µs. */
  durationUs: number;
  tracks: Partial<Record<AvMediaType, TrackReadBack>>;
  /** Y, U, V of the centre pixel of the video frame nearest `sampleAtUs`. */
  centreYuv?: [number, number, number];
  /** The colour range (AVColorRange) FFmpeg's decoder gives that frame. */
  decodedColorRange?: number;
  /**
   * The colour range a browser shows that frame with: for VP8/VP9 the container's when it states
   * one (Chrome prefers it to the bitstream's), else the decoder's. FFmpeg's VP8 decoder takes
   * the VP8 header's clamping_type bit for the range, so it reads every libvpx stream as limited.
   */
  shownColorRange?: number;
  /** That frame's centre pixel as shown: R, G, B read with the shown range and matrix. */
  centreRgb?: [number, number, number];
}

export async function readBack(path: string, sampleAtUs = 1_000_000): Promise<FileReadBack> {
  const demuxer = await Demuxer.open(path);
  try {
    const fc = demuxer.getFormatContext();
    const result: FileReadBack = { format: fc.iformat?.name ?? '', durationUs: Number(fc.duration), tracks: {} };
    const decoders = new Map<number, { decoder: Decoder; type: AvMediaType; first?: number; last?: number; lastDur: number }>();
    let containerColors: FrameColors | undefined;
    for (const stream of demuxer.streams) {
      const type = stream.codecpar.codecType === AVMEDIA_TYPE_VIDEO ? 'VIDEO' : stream.codecpar.codecType === AVMEDIA_TYPE_AUDIO ? 'AUDIO' : undefined;
      if (!type) continue;
      // 4:2:0 frames are read as they are: converting yuvj420p would drop the frame's colour tags.
      const asIs = type !== 'VIDEO' || stream.codecpar.format === AV_PIX_FMT_YUV420P || stream.codecpar.format === AV_PIX_FMT_YUVJ420P;
      const decoder = await Decoder.create(stream, asIs ? {} : { rescale: { pixelFormat: AV_PIX_FMT_YUV420P } });
      const codec = codecOfId(stream.codecpar.codecId);
      if (codec === 'VP8' || codec === 'VP9') containerColors = colorsOf(stream.codecpar);
      decoders.set(stream.index, { decoder, type, lastDur: 0 });
      result.tracks[type] = {
        codec: codecOfId(stream.codecpar.codecId) ?? String(stream.codecpar.codecId),
        frames: 0,
        durationUs: 0,
        startUs: 0,
        ...(type === 'VIDEO'
          ? { width: stream.codecpar.width, height: stream.codecpar.height, colorRange: stream.codecpar.colorRange }
          : { sampleRate: stream.codecpar.sampleRate }),
      };
    }
    let bestDistance = Infinity;
    let sample: Frame | undefined;
    const count = (index: number, frame: Frame): void => {
      const entry = decoders.get(index);
      const track = entry && result.tracks[entry.type];
      if (!entry || !track) return;
      track.frames++;
      const tb = frame.timeBase.num > 0 ? frame.timeBase : demuxer.streams[index]!.timeBase;
      const pts = frame.pts;
      if (pts === AV_NOPTS_VALUE) return;
      const us = (Number(pts) * tb.num * 1_000_000) / tb.den;
      entry.first = Math.min(entry.first ?? us, us);
      entry.last = Math.max(entry.last ?? us, us);
      entry.lastDur = entry.type === 'AUDIO' ? (frame.nbSamples * 1_000_000) / frame.sampleRate : (Number(frame.duration) * tb.num * 1_000_000) / tb.den;
      if (entry.type === 'VIDEO' && Math.abs(us - sampleAtUs) < bestDistance) {
        bestDistance = Math.abs(us - sampleAtUs);
        sample?.free();
        sample = frame.clone() ?? undefined;
      }
    };
    const p = new Packet();
    p.alloc();
    while ((await fc.readFrame(p)) >= 0) {
      const entry = decoders.get(p.streamIndex);
      if (entry) for (const frame of await entry.decoder.decodeAll(p)) count(p.streamIndex, frame);
      p.unref();
    }
    p.free();
    for (const [index, entry] of decoders) {
      for (const frame of await entry.decoder.decodeAll(null)) count(index, frame);
      const track = result.tracks[entry.type];
      if (track && entry.first !== undefined && entry.last !== undefined) {
        track.durationUs = entry.last - entry.first + entry.lastDur;
        track.startUs = entry.first;
      }
      entry.decoder.close();
    }
    if (sample) {
      result.centreYuv = centre(sample);
      result.decodedColorRange = sample.colorRange;
      if (containerColors) applyColors(sample, containerColors);
      result.shownColorRange = sample.colorRange;
      result.centreRgb = centreRgb(sample);
      sample.free();
    }
    return result;
  } finally {
    await demuxer.close();
  }
}

function centre(frame: Frame): [number, number, number] {
  const planes = frame.data;
  const [ls0, ls1, ls2] = frame.linesize;
  if (!planes || planes.length < 3) return [0, 0, 0];
  const x = Math.floor(frame.width / 2);
  const y = Math.floor(frame.height / 2);
  return [
    planes[0]![y * ls0! + x]!,
    planes[1]![Math.floor(y / 2) * ls1! + Math.floor(x / 2)]!,
    planes[2]![Math.floor(y / 2) * ls2! + Math.floor(x / 2)]!,
  ];
}

/** The centre pixel converted to RGB by libavfilter, which reads the frame's colour tags. */
function centreRgb(frame: Frame): [number, number, number] {
  const graph = FilterAPI.create('format=rgb24');
  try {
    // The filter's input needs a time base; what it is does not matter here.
    if (frame.timeBase.num <= 0) frame.timeBase = new Rational(1, 1_000_000);
    graph.processSync(frame);
    const rgb = graph.receiveSync();
    if (!rgb?.data) return [0, 0, 0];
    const at = Math.floor(rgb.height / 2) * rgb.linesize[0]! + Math.floor(rgb.width / 2) * 3;
    const pixel = [...rgb.data[0]!.subarray(at, at + 3)] as [number, number, number];
    rgb.free();
    return pixel;
  } finally {
    graph.close();
  }
}

/** Seeks a file to `positionUs` (keyframe at or before) and returns the time of the first packet read, µs. */
export async function seekProbe(path: string, positionUs: number): Promise<number> {
  const demuxer = await Demuxer.open(path);
  try {
    const ret = await demuxer.seek(positionUs / 1_000_000, -1, AVSEEK_FLAG_BACKWARD);
    if (ret < 0) throw new Error(`seek failed in ${path} (${ret})`);
    const packet = new Packet();
    packet.alloc();
    try {
      if ((await demuxer.getFormatContext().readFrame(packet)) < 0) throw new Error(`nothing to read after seeking ${path}`);
      const tb = demuxer.streams[packet.streamIndex]!.timeBase;
      return (Number(packet.pts) * tb.num * 1_000_000) / tb.den;
    } finally {
      packet.free();
    }
  } finally {
    await demuxer.close();
  }
}
