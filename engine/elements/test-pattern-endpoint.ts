/**
 * TestPatternEndpoint: synthetic video (SMPTE bars, testsrc, a solid colour, Mandelbrot,
 * Life) and a sine tone from FFmpeg's lavfi, through the same capture path as the camera,
 * paced to real time. It starts producing as soon as it is created, like a camera.
 */
import { MediaError } from '../errors.ts';
import type { MediaPipeline } from '../model/media-pipeline.ts';
import { AvSourceElement } from './av-source-element.ts';

export interface TestPatternParams {
  pattern?: string;
  color?: string;
  width?: number;
  height?: number;
  framerate?: number;
  toneFrequency?: number;
}

/** A colour FFmpeg understands, with nothing that could change the filter graph. */
export function lavfiColor(color: string): string {
  const hex = /^#?([0-9a-fA-F]{6})$/.exec(color);
  if (hex) return `0x${hex[1]}`;
  if (/^[A-Za-z]{3,20}$/.test(color)) return color;
  throw new MediaError('MARSHALL_ERROR', `TestPatternEndpoint: '${color}' is not a colour (use #rrggbb or a name)`);
}

/** The lavfi graph: video on out0, audio on out1. */
export function testPatternGraph(params: TestPatternParams): string {
  const size = `size=${params.width ?? 640}x${params.height ?? 480}:rate=${params.framerate ?? 30}`;
  const video: Record<string, string> = {
    SMPTE_BARS: `smptebars=${size}`,
    TEST_SRC: `testsrc2=${size}`,
    SOLID_COLOR: `color=c=${lavfiColor(params.color ?? '#2060c0')}:${size}`,
    MANDELBROT: `mandelbrot=${size}`,
    LIFE: `life=${size}:mold=10:ratio=0.1:death_color=#C83232:life_color=#00ff00`,
  };
  const source = video[params.pattern ?? 'SMPTE_BARS'];
  if (!source) throw new MediaError('MARSHALL_ERROR', `TestPatternEndpoint: unknown pattern '${params.pattern}'`);
  const tone = params.toneFrequency ?? 440;
  const audio = tone > 0 ? `sine=frequency=${tone}:sample_rate=48000` : 'anullsrc=r=48000:cl=mono';
  return `${source},format=yuv420p[out0];${audio}[out1]`;
}

export class TestPatternEndpoint extends AvSourceElement {
  constructor(pipeline: MediaPipeline, params: TestPatternParams) {
    super('TestPatternEndpoint', pipeline, pipeline, params as Record<string, unknown>);
    const graph = testPatternGraph(params);
    void this.openSource({ url: graph, format: 'lavfi', mode: 'decode', paced: true }, `test pattern '${graph}'`).then((source) => source?.play());
  }
}
