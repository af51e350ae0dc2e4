/**
 * Base of the vision filters: takes decoded video (yuv420p) on its sink, hands each frame to
 * `filterFrame`, and publishes either the same frame (nothing to draw: zero copies) or a copy the
 * filter drew into. Audio passes through in whatever form it arrives. A failure while drawing
 * is reported once as an Error event and the frame goes out unchanged: the pipeline keeps running.
 */
import type { Frame } from 'node-av';
import { KurentoErrorCode } from '../../errors.ts';
import { inlet } from '../../media/media-inlet.ts';
import type { RawVideoUnit } from '../../media/media-unit.ts';
import { MediaElement } from '../../model/media-element.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { planesOf, type YuvPlanes } from '../../vision/draw/yuv-planes.ts';
import { WritableFramePool } from '../../vision/draw/writable-frame-pool.ts';

export abstract class VideoFilterElement extends MediaElement {
  private readonly pool = new WritableFramePool();
  private reported = new Set<string>();

  constructor(type: string, pipeline: MediaPipeline, params: Record<string, unknown>) {
    super(type, pipeline, pipeline, params);
    const video = this.getOutlet('VIDEO');
    const audio = this.getOutlet('AUDIO');
    video?.onKeyframeRequest(() => this.media.requestKeyframe('VIDEO'));
    audio?.onKeyframeRequest(() => this.media.requestKeyframe('AUDIO'));
    this.media.setInlet(inlet('AUDIO', { encoded: 'any', raw: true }, (unit) => audio?.publish(unit)));
    this.media.setInlet(
      inlet('VIDEO', { raw: true }, (unit) => {
        if (unit.kind !== 'raw-video' || this.released) return;
        let out: RawVideoUnit | null | undefined = unit;
        try {
          out = this.filterFrame(unit);
        } catch (error) {
          this.reportOnce(`cannot process a ${unit.width}x${unit.height} frame: ${(error as Error).message}`);
        }
        if (out !== null) video?.publish(out ?? unit);
      }),
    );
  }

  /**
   * Called for every decoded video frame (valid during the call only). Returns a unit carrying a
   * frame from `drawable()` to publish it instead, undefined to pass the frame unchanged, or null
   * when the filter publishes on its own (asynchronously).
   */
  protected abstract filterFrame(unit: RawVideoUnit): RawVideoUnit | undefined | null;

  /** A writable copy of the unit's frame to draw into, and its planes. */
  protected drawable(unit: RawVideoUnit): { unit: RawVideoUnit; planes: YuvPlanes; frame: Frame } {
    const frame = this.pool.copyOf(unit.frame);
    return { unit: { ...unit, frame }, planes: planesOf(frame), frame };
  }

  /** Reports a problem as a Kurento Error event, once per distinct message. */
  protected reportOnce(description: string, errorName: keyof typeof KurentoErrorCode = 'UNEXPECTED_ERROR'): void {
    if (this.released || this.reported.has(description)) return;
    if (this.reported.size > 50) this.reported = new Set();
    this.reported.add(description);
    this.emitError(`${this.describe()}: ${description}`, KurentoErrorCode[errorName], errorName);
  }

  protected override onRelease(): void {
    super.onRelease();
    this.pool.close();
  }
}
