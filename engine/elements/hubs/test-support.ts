/**
 * Test probes for hub outputs: a consumer that takes a port's media ENCODED (as a WebRTC peer
 * would, so the shared encoder runs) and decodes it with a decoder of its own, keeping the
 * newest picture's colours or every audio sample for inspection. A probe attaches to the outlet
 * serving the port when it is made: unlike a connection, it does not follow later re-routing.
 */
import { FilterAPI, type Frame } from 'node-av';
import { afterEach } from 'vitest';
import { inlet, type InletLink } from '../../media/media-inlet.ts';
import type { Codec, MediaUnit } from '../../media/media-unit.ts';
import { UnitDecoder } from '../../media/unit-decoder.ts';
import type { MediaElement } from '../../model/media-element.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import { planesOf } from '../../vision/draw/yuv-planes.ts';
import { monoSamples } from './audio-samples.ts';

export interface Yuv {
  y: number;
  u: number;
  v: number;
}

/** A VP8/H.264 decoder that keeps the newest picture, to read its colours. */
export class DecodedPicture {
  frames = 0;
  width = 0;
  height = 0;
  /** Called after every decoded picture, to inspect each one. */
  onPicture: (() => void) | undefined;
  /** The color-space extension payload of the last unit received (how the sender says to read it). */
  colorSpace: Buffer | undefined;
  private latest: Frame | undefined;
  private readonly decoder: UnitDecoder;

  constructor(
    codec: Codec,
    private readonly onNeedKeyframe: () => void = () => undefined,
  ) {
    this.decoder = new UnitDecoder(codec, {
      onFrame: (unit) => {
        if (unit.kind !== 'raw-video') return;
        this.latest?.free();
        this.latest = unit.frame.clone() ?? undefined;
        this.frames++;
        this.width = unit.width;
        this.height = unit.height;
        this.onPicture?.();
      },
      onNeedKeyframe: () => this.needKeyframe(),
      onError: () => undefined,
    });
  }

  /** The decoder needs a keyframe (at start, after an error): ask the sender. */
  protected needKeyframe(): void {
    this.onNeedKeyframe();
  }

  push(unit: MediaUnit): void {
    if (unit.kind !== 'encoded') return;
    this.colorSpace = unit.colorSpace;
    this.decoder.push(unit);
  }

  /** The newest picture's colour range (FFmpeg's AVColorRange), as its decoder tagged it. */
  get colorRange(): number | undefined {
    return this.latest?.colorRange;
  }

  /**
   * Mean R, G, B of a rectangle (fractions of the picture), converted as a receiver would: by
   * libavfilter, reading the picture's colour tags (range, matrix).
   */
  rgb(fx: number, fy: number, fw: number, fh: number): [number, number, number] {
    if (!this.latest) return [-1, -1, -1];
    const graph = FilterAPI.create('format=rgb24');
    try {
      graph.processSync(this.latest);
      const rgb = graph.receiveSync();
      if (!rgb?.data) throw new Error('format=rgb24 gave no picture');
      const stride = rgb.linesize[0]!;
      const sum = [0, 0, 0];
      let n = 0;
      for (let row = Math.floor(fy * rgb.height); row < Math.floor((fy + fh) * rgb.height); row++) {
        for (let col = Math.floor(fx * rgb.width); col < Math.floor((fx + fw) * rgb.width); col++) {
          for (let k = 0; k < 3; k++) sum[k]! += rgb.data[0]![row * stride + col * 3 + k]!;
          n++;
        }
      }
      rgb.free();
      return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
    } finally {
      graph.close();
    }
  }

  /** Mean Y, U, V of a rectangle given as fractions of the picture (x, y, width, height). */
  mean(fx: number, fy: number, fw: number, fh: number): Yuv {
    const frame = this.latest;
    if (!frame) return { y: -1, u: -1, v: -1 };
    const p = planesOf(frame);
    const x0 = Math.floor((fx * p.width) / 2) * 2;
    const y0 = Math.floor((fy * p.height) / 2) * 2;
    const x1 = Math.floor(((fx + fw) * p.width) / 2) * 2;
    const y1 = Math.floor(((fy + fh) * p.height) / 2) * 2;
    let y = 0;
    let u = 0;
    let v = 0;
    let n = 0;
    for (let row = y0; row < y1; row += 2) {
      for (let col = x0; col < x1; col += 2) {
        y += p.y[row * p.yStride + col]!;
        u += p.u[(row / 2) * p.uStride + col / 2]!;
        v += p.v[(row / 2) * p.vStride + col / 2]!;
        n++;
      }
    }
    return { y: y / n, u: u / n, v: v / n };
  }

  close(): void {
    this.decoder.close();
    this.latest?.free();
    this.latest = undefined;
  }
}

/** Takes an element's video encoded, straight from the outlet serving it, and decodes it. */
export class VideoProbe extends DecodedPicture {
  private readonly link: InletLink;

  constructor(element: MediaElement, codec: Codec = 'VP8') {
    super(codec);
    this.link = element.getOutlet('VIDEO')!.attach(inlet('VIDEO', { encoded: [codec] }, (unit) => this.push(unit)));
  }

  protected override needKeyframe(): void {
    this.link?.requestKeyframe();
  }

  override close(): void {
    this.link();
    super.close();
  }
}

/** True when a measured colour is within `tolerance` of the expected Y, U, V on every plane. */
export function near(measured: Yuv, expected: [number, number, number], tolerance = 14): boolean {
  return Math.abs(measured.y - expected[0]) <= tolerance && Math.abs(measured.u - expected[1]) <= tolerance && Math.abs(measured.v - expected[2]) <= tolerance;
}

export class AudioProbe {
  samples: number[] = [];
  private readonly decoder: UnitDecoder;
  private readonly link: InletLink;

  constructor(element: MediaElement) {
    this.decoder = new UnitDecoder('OPUS', {
      onFrame: (unit) => {
        if (unit.kind === 'raw-audio') for (const s of monoSamples(unit.frame)) this.samples.push(s);
      },
      onNeedKeyframe: () => undefined,
      onError: () => undefined,
    });
    this.link = element.getOutlet('AUDIO')!.attach(
      inlet('AUDIO', { encoded: ['OPUS'] }, (unit) => {
        if (unit.kind === 'encoded') this.decoder.push(unit);
      }),
    );
  }

  close(): void {
    this.link();
    this.decoder.close();
  }
}

/** Level of one frequency in the last `count` samples (48 kHz, Goertzel): amplitude / 2 (lavfi sine is 1/8 → 0.0625). */
export function toneLevel(samples: readonly number[], frequency: number, count = 9600): number {
  const part = samples.slice(-count);
  const k = (2 * Math.PI * frequency) / 48_000;
  const coeff = 2 * Math.cos(k);
  let s1 = 0;
  let s2 = 0;
  for (const x of part) {
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return Math.sqrt(Math.max(0, power)) / part.length;
}

/** A fresh pipeline per test, released after it with the probes the test registered. */
export function usePipeline(): { start: () => MediaPipeline; probes: { close(): void }[] } {
  let pipeline: MediaPipeline | undefined;
  const probes: { close(): void }[] = [];
  afterEach(() => {
    for (const probe of probes.splice(0)) probe.close();
    pipeline?.release();
    pipeline = undefined;
  });
  return { start: () => (pipeline = new MediaPipeline()), probes };
}
