/**
 * Audio frames ↔ plain samples for mixing: any common sample format in, mono float at 48 kHz
 * out (channels averaged, other rates resampled linearly); and mono float back into a frame
 * FFmpeg owns (fltp), which the outlet's encoder resamples to what its codec takes.
 */
import { Frame, Rational } from 'node-av';
import {
  AV_CH_LAYOUT_MONO,
  AV_CHANNEL_ORDER_NATIVE,
  AV_SAMPLE_FMT_DBL,
  AV_SAMPLE_FMT_DBLP,
  AV_SAMPLE_FMT_FLT,
  AV_SAMPLE_FMT_FLTP,
  AV_SAMPLE_FMT_S16,
  AV_SAMPLE_FMT_S16P,
  AV_SAMPLE_FMT_S32,
  AV_SAMPLE_FMT_S32P,
  type AVSampleFormat,
} from 'node-av/constants';

export const MIX_RATE = 48_000;

interface Layout {
  bytes: number;
  planar: boolean;
  read: (b: Buffer, offset: number) => number;
}

const LAYOUTS = new Map<AVSampleFormat, Layout>([
  [AV_SAMPLE_FMT_FLTP, { bytes: 4, planar: true, read: (b, o) => b.readFloatLE(o) }],
  [AV_SAMPLE_FMT_FLT, { bytes: 4, planar: false, read: (b, o) => b.readFloatLE(o) }],
  [AV_SAMPLE_FMT_S16, { bytes: 2, planar: false, read: (b, o) => b.readInt16LE(o) / 32768 }],
  [AV_SAMPLE_FMT_S16P, { bytes: 2, planar: true, read: (b, o) => b.readInt16LE(o) / 32768 }],
  [AV_SAMPLE_FMT_S32, { bytes: 4, planar: false, read: (b, o) => b.readInt32LE(o) / 2147483648 }],
  [AV_SAMPLE_FMT_S32P, { bytes: 4, planar: true, read: (b, o) => b.readInt32LE(o) / 2147483648 }],
  [AV_SAMPLE_FMT_DBL, { bytes: 8, planar: false, read: (b, o) => b.readDoubleLE(o) }],
  [AV_SAMPLE_FMT_DBLP, { bytes: 8, planar: true, read: (b, o) => b.readDoubleLE(o) }],
]);

/** The frame's samples as mono float at 48 kHz. Throws on a sample format it does not know. */
export function monoSamples(frame: Frame): Float32Array {
  const layout = LAYOUTS.get(frame.format as AVSampleFormat);
  const data = frame.data;
  if (!layout || !data) throw new Error(`cannot mix audio in sample format ${String(frame.format)}`);
  const channels = Math.max(1, frame.channels);
  const count = frame.nbSamples;
  const mono = new Float32Array(count);
  for (let c = 0; c < channels; c++) {
    const plane = layout.planar ? data[c] : data[0];
    if (!plane) continue;
    for (let i = 0; i < count; i++) {
      const offset = layout.planar ? i * layout.bytes : (i * channels + c) * layout.bytes;
      mono[i]! += layout.read(plane, offset) / channels;
    }
  }
  return frame.sampleRate === MIX_RATE ? mono : resample(mono, frame.sampleRate, MIX_RATE);
}

function resample(input: Float32Array, from: number, to: number): Float32Array {
  const out = new Float32Array(Math.round((input.length * to) / from));
  for (let i = 0; i < out.length; i++) {
    const at = (i * from) / to;
    const i0 = Math.floor(at);
    const a = input[i0] ?? 0;
    const b = input[i0 + 1] ?? a;
    out[i] = a + (b - a) * (at - i0);
  }
  return out;
}

/** A mono fltp 48 kHz frame holding `samples` (FFmpeg-owned memory); the caller frees it. */
export function monoFrame(samples: Float32Array, timestampUs: number): Frame {
  const frame = new Frame();
  frame.alloc();
  frame.format = AV_SAMPLE_FMT_FLTP;
  frame.sampleRate = MIX_RATE;
  frame.nbSamples = samples.length;
  frame.channelLayout = { nbChannels: 1, order: AV_CHANNEL_ORDER_NATIVE, mask: AV_CH_LAYOUT_MONO };
  frame.timeBase = new Rational(1, MIX_RATE);
  frame.pts = BigInt(Math.round((timestampUs * MIX_RATE) / 1_000_000));
  const plane = frame.getBuffer(0) >= 0 ? frame.data?.[0] : undefined;
  if (!plane) {
    frame.free();
    throw new Error(`cannot allocate an audio frame of ${samples.length} samples`);
  }
  Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).copy(plane, 0);
  return frame;
}
