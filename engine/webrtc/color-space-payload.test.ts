import { FilterAPI, type Frame } from 'node-av';
import {
  AVCHROMA_LOC_CENTER,
  AVCHROMA_LOC_LEFT,
  AVCHROMA_LOC_UNSPECIFIED,
  AVCOL_PRI_BT709,
  AVCOL_PRI_UNSPECIFIED,
  AVCOL_RANGE_JPEG,
  AVCOL_RANGE_MPEG,
  AVCOL_RANGE_UNSPECIFIED,
  AVCOL_SPC_BT709,
  AVCOL_SPC_UNSPECIFIED,
  AVCOL_TRC_BT709,
  AVCOL_TRC_IEC61966_2_1,
  AVCOL_TRC_UNSPECIFIED,
} from 'node-av/constants';
import { describe, expect, it } from 'vitest';
import type { EncodedUnit, VideoCodec } from '../media/media-unit.ts';
import { solidFrame } from '../media/test-frames.ts';
import { UnitDecoder } from '../media/unit-decoder.ts';
import { DEFAULT_ENCODER_SETTINGS } from '../media/unit-encoder.ts';
import { VideoEncoder } from '../media/video-encoder.ts';
import { colorSpacePayload, parseColorSpace, type FrameColors } from './color-space-payload.ts';

const hex = (bytes: number[]): string => Buffer.from(bytes).toString('hex');
const roundTrip = (bytes: number[]): string | undefined => {
  const colors = parseColorSpace(Buffer.from(bytes));
  return colors && colorSpacePayload(colors)?.toString('hex');
};

/** Chrome's canvas capture: BT.709 primaries/transfer/matrix, full range. */
const FULL_BT709 = Buffer.from([1, 1, 1, 0x20]);
/** 220,40,40 as full-range BT.709 YUV (what Chrome makes of that canvas colour). */
const RED_FULL_BT709: [number, number, number] = [78, 107, 218];

describe('color-space payload ↔ FFmpeg colours', () => {
  it('reads each byte into the FFmpeg enum with the same H.273 meaning', () => {
    expect(parseColorSpace(Buffer.from([1, 13, 1, 0x20]))).toEqual({
      colorRange: AVCOL_RANGE_JPEG,
      colorPrimaries: AVCOL_PRI_BT709,
      colorTrc: AVCOL_TRC_IEC61966_2_1,
      colorSpace: AVCOL_SPC_BT709,
      chromaLocation: AVCHROMA_LOC_UNSPECIFIED,
    });
    // Range in bits 4-5, horizontal siting in 2-3, vertical in 0-1 (1 collocated, 2 half).
    expect(parseColorSpace(Buffer.from([6, 6, 6, 0x16]))).toMatchObject({ colorRange: AVCOL_RANGE_MPEG, colorSpace: 6, chromaLocation: AVCHROMA_LOC_LEFT });
    expect(parseColorSpace(Buffer.from([9, 16, 9, 0x2a]))).toMatchObject({ colorRange: AVCOL_RANGE_JPEG, colorPrimaries: 9, colorTrc: 16, chromaLocation: AVCHROMA_LOC_CENTER });
  });

  it('round-trips every payload that states its colours', () => {
    for (const bytes of [
      [1, 1, 1, 0x20],
      [1, 13, 1, 0x20],
      [1, 13, 6, 0x25],
      [6, 6, 6, 0x16],
      [5, 6, 5, 0x15],
      [9, 16, 9, 0x2a],
      [9, 18, 9, 0x19],
      [12, 13, 0, 0x20],
      [22, 4, 14, 0x29],
    ]) {
      expect(roundTrip(bytes), hex(bytes)).toBe(hex(bytes));
    }
  });

  it('translates "unspecified" between the two sides and rejects what libwebrtc rejects', () => {
    // Chrome reads an unspecified code as BT.709; FFmpeg would read it as BT.601: say BT.709.
    expect(parseColorSpace(Buffer.from([2, 2, 2, 0x20]))).toMatchObject({ colorPrimaries: AVCOL_PRI_BT709, colorTrc: AVCOL_TRC_BT709, colorSpace: AVCOL_SPC_BT709 });
    expect(roundTrip([2, 2, 2, 0x20])).toBe(hex([1, 1, 1, 0x20]));
    // An invalid range (0) or derived range (3) says nothing: the frame keeps its own.
    expect(parseColorSpace(Buffer.from([1, 1, 1, 0x00]))?.colorRange).toBe(AVCOL_RANGE_UNSPECIFIED);
    expect(parseColorSpace(Buffer.from([1, 1, 1, 0x30]))?.colorRange).toBe(AVCOL_RANGE_UNSPECIFIED);
    for (const bad of [[3, 1, 1, 0x20], [1, 3, 1, 0x20], [1, 1, 3, 0x20], [1, 1, 1, 0x2c], [1, 1, 1, 0x23], [1, 1, 1]]) {
      expect(parseColorSpace(Buffer.from(bad)), hex(bad)).toBeUndefined();
    }
    const unspecified: FrameColors = {
      colorRange: AVCOL_RANGE_UNSPECIFIED,
      colorPrimaries: AVCOL_PRI_UNSPECIFIED,
      colorTrc: AVCOL_TRC_UNSPECIFIED,
      colorSpace: AVCOL_SPC_UNSPECIFIED,
      chromaLocation: AVCHROMA_LOC_UNSPECIFIED,
    };
    // A frame that says nothing gets no payload (receivers assume limited BT.601, as FFmpeg did).
    expect(colorSpacePayload(unspecified)).toBeUndefined();
    // What a frame leaves unsaid is written as FFmpeg read it: BT.601 (SMPTE 170M), limited.
    expect(colorSpacePayload({ ...unspecified, colorRange: AVCOL_RANGE_MPEG })?.toString('hex')).toBe(hex([6, 6, 6, 0x10]));
    expect(colorSpacePayload({ ...unspecified, colorRange: AVCOL_RANGE_JPEG, colorSpace: AVCOL_SPC_BT709 })?.toString('hex')).toBe(hex([6, 6, 1, 0x20]));
  });
});

/** Encodes `count` frames of one colour; each frame gets its colours from `tag`. */
async function encodeSolid(codec: VideoCodec, yuv: [number, number, number], count: number, tag: (frame: Frame) => void = () => undefined): Promise<EncodedUnit[]> {
  const encoder = new VideoEncoder(codec, DEFAULT_ENCODER_SETTINGS);
  const units: EncodedUnit[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const frame = solidFrame(64, 48, yuv, i);
      tag(frame);
      units.push(...(await encoder.encode(frame, Math.round((i * 1_000_000) / 30), i === 0)));
    }
  } finally {
    encoder.close();
  }
  return units;
}

/** Decodes the units; `onFrame` sees each decoded frame while it is valid. */
async function decode(codec: VideoCodec, units: EncodedUnit[], onFrame: (frame: Frame) => void): Promise<void> {
  let errors = '';
  let frames = 0;
  const decoder = new UnitDecoder(codec, {
    onFrame: (unit) => {
      frames++;
      if (unit.kind === 'raw-video') onFrame(unit.frame);
    },
    onNeedKeyframe: () => undefined,
    onError: (message) => (errors += message),
  });
  for (const unit of units) decoder.push(unit);
  // Frames come out one unit behind at most (H.264); decoding runs on the pool.
  const deadline = Date.now() + 10_000;
  while (frames < units.length - 1 && !errors && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  decoder.close();
  expect(errors).toBe('');
  expect(frames).toBeGreaterThanOrEqual(units.length - 1);
}

/** A pixel away from the moving bar, as libavfilter converts it to RGB (reading the frame's colour fields). */
function rgbOf(frame: Frame): number[] {
  const graph = FilterAPI.create('format=rgb24');
  try {
    graph.processSync(frame);
    const rgb = graph.receiveSync();
    if (!rgb?.data) throw new Error('format=rgb24 gave no frame');
    const at = (rgb.height >> 1) * rgb.linesize[0]! + ((rgb.width * 3) >> 2) * 3;
    const pixel = [...rgb.data[0]!.subarray(at, at + 3)];
    rgb.free();
    return pixel;
  } finally {
    graph.close();
  }
}

describe('colour space through decode and encode', () => {
  it("tags decoded frames with the payload's range and matrix, so libavfilter reads full-range pixels right", async () => {
    const units = await encodeSolid('VP8', RED_FULL_BT709, 3);
    const seen: { range: number; matrix: number; rgb: number[] }[] = [];
    await decode('VP8', units.map((u) => ({ ...u, colorSpace: FULL_BT709 })), (frame) => seen.push({ range: frame.colorRange, matrix: frame.colorSpace, rgb: rgbOf(frame) }));
    const untagged: number[][] = [];
    await decode('VP8', units, (frame) => untagged.push(rgbOf(frame)));

    expect(seen.map((s) => [s.range, s.matrix])).toEqual(seen.map(() => [AVCOL_RANGE_JPEG, AVCOL_SPC_BT709]));
    for (const { rgb } of seen) {
      expect(Math.max(...rgb.map((c, k) => Math.abs(c - [220, 40, 40][k]!))), `got ${rgb.join(',')}`).toBeLessThanOrEqual(4);
    }
    // Without the payload VP8 decodes as limited BT.601: the same pixels read as another colour.
    expect(Math.abs(untagged[0]![1]! - 40), `untagged ${untagged[0]!.join(',')}`).toBeGreaterThan(20);
  });

  it.each(['VP8', 'H264'] as const)('%s: units encoded from full-range frames carry a full-range payload; untagged frames none', async (codec) => {
    // Frames as the decoder hands them on: the sender's colours on them.
    const fromDecoder = (frame: Frame): void => {
      frame.colorRange = AVCOL_RANGE_JPEG;
      frame.colorSpace = AVCOL_SPC_BT709;
      frame.colorPrimaries = AVCOL_PRI_BT709;
      frame.colorTrc = AVCOL_TRC_BT709;
    };
    const units = await encodeSolid(codec, RED_FULL_BT709, 5, fromDecoder);
    expect(units.length).toBeGreaterThan(0);
    expect(units.map((u) => u.colorSpace?.toString('hex'))).toEqual(units.map(() => FULL_BT709.toString('hex')));
    const plain = await encodeSolid(codec, RED_FULL_BT709, 2);
    expect(plain.map((u) => u.colorSpace)).toEqual(plain.map(() => undefined));
  });

  it('H.264: the range also goes into the bitstream (VUI), so a decoder without the payload reads it', async () => {
    const units = await encodeSolid('H264', RED_FULL_BT709, 4, (frame) => {
      frame.colorRange = AVCOL_RANGE_JPEG;
      frame.colorSpace = AVCOL_SPC_BT709;
    });
    const ranges: number[] = [];
    await decode('H264', units.map(({ colorSpace: _, ...u }) => u), (frame) => ranges.push(frame.colorRange));
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges).toEqual(ranges.map(() => AVCOL_RANGE_JPEG));
  });

  it('full range survives decode → encode: the re-encoded units say what the sender said', async () => {
    const sent = await encodeSolid('VP8', RED_FULL_BT709, 3);
    const decoded: Frame[] = [];
    await decode('VP8', sent.map((u) => ({ ...u, colorSpace: FULL_BT709 })), (frame) => {
      const copy = frame.clone();
      if (copy) decoded.push(copy);
    });
    const encoder = new VideoEncoder('VP8', DEFAULT_ENCODER_SETTINGS);
    const reencoded: EncodedUnit[] = [];
    try {
      for (const [i, frame] of decoded.entries()) reencoded.push(...(await encoder.encode(frame, i * 33_333, i === 0)));
    } finally {
      encoder.close();
    }
    expect(reencoded.length).toBeGreaterThan(0);
    expect(reencoded.map((u) => u.colorSpace?.toString('hex'))).toEqual(reencoded.map(() => FULL_BT709.toString('hex')));
  });
});
