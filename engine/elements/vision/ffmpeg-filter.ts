/**
 * FfmpegFilter: Fluo's stand-in for Kurento's GStreamerFilter, any FFmpeg video filter graph
 * (e.g. 'hflip', 'edgedetect', 'hue=s=0') applied to the video. The string is checked when the
 * element is created; a bad one is a MediaError that names the problem. Frames are filtered
 * by libavfilter on the libuv pool, one trip there per frame (a graph that does next to nothing
 * runs on the event loop instead); while one is in the graph only the newest waits.
 */
import { FilterAPI, type Frame } from 'node-av';
import { MediaError } from '../../errors.ts';
import { InlineBudget } from '../../media/inline-budget.ts';
import type { RawVideoUnit } from '../../media/media-unit.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { checkFilterGraph } from '../../vision/filter-graph-check.ts';
import { VideoFilterElement } from './video-filter.ts';

export class FfmpegFilter extends VideoFilterElement {
  private graph: FilterAPI | undefined;
  private busy = false;
  private pending: { frame: Frame; timestampUs: number } | undefined;
  private readonly command: string;
  private readonly placement = new InlineBudget();

  constructor(pipeline: MediaPipeline, params: Record<string, unknown>) {
    const command = String(params.command ?? '');
    const problem = checkFilterGraph(command);
    if (problem) throw new MediaError('MEDIA_OBJECT_ILLEGAL_PARAM_ERROR', `FfmpegFilter command '${command}': ${problem}`);
    super('FfmpegFilter', pipeline, params);
    this.command = command;
  }

  protected filterFrame(unit: RawVideoUnit): null {
    this.pending?.frame.free();
    const ref = unit.frame.clone();
    this.pending = ref ? { frame: ref, timestampUs: unit.timestampUs } : undefined;
    if (!this.busy) void this.drain();
    // Frames go out from drain(), filtered.
    return null;
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.pending && !this.released) {
        const { frame, timestampUs } = this.pending;
        this.pending = undefined;
        try {
          await this.run(frame, timestampUs);
        } catch (error) {
          this.reportOnce(`filter graph '${this.command}' failed: ${(error as Error).message}`);
        } finally {
          frame.free();
        }
      }
    } finally {
      this.busy = false;
      // Released while a frame was in the graph: close it now that libavfilter is done.
      if (this.released) this.closeGraph();
    }
  }

  private closeGraph(): void {
    this.graph?.close();
    this.graph = undefined;
  }

  private async run(frame: Frame, timestampUs: number): Promise<void> {
    // format=yuv420p keeps the output in the one raw format the media path carries.
    this.graph ??= FilterAPI.create(`${this.command},format=yuv420p`);
    const inPts = frame.pts;
    // Pushing the frame runs the graph, on the libuv pool or, when it does next to nothing, right
    // here (see InlineBudget); what it produced then waits in the sink, taken out synchronously.
    const started = performance.now();
    if (this.placement.runsInline) this.graph.processSync(frame);
    else await this.graph.process(frame);
    this.placement.record(performance.now() - started);
    const outputs: Frame[] = [];
    for (let out = this.graph.receiveSync(); out; out = this.graph.receiveSync()) outputs.push(out);
    const outlet = this.getOutlet('VIDEO');
    for (const out of outputs) {
      // Filters that keep timing (most) get the input's timestamp; others (fps, setpts) their own.
      const tb = out.timeBase;
      const us = out.pts === inPts || tb.num <= 0 ? timestampUs : Math.round((Number(out.pts) * tb.num * 1_000_000) / tb.den);
      if (!this.released) outlet?.publish({ kind: 'raw-video', mediaType: 'VIDEO', frame: out, width: out.width, height: out.height, timestampUs: us });
      out.free();
    }
  }

  protected override onRelease(): void {
    super.onRelease();
    this.pending?.frame.free();
    this.pending = undefined;
    if (!this.busy) this.closeGraph();
  }
}
