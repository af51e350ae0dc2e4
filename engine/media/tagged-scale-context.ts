/**
 * A swscale context that is never given fixed formats (no sws_getContext): sws_scale_frame sets
 * it up from each pair of frames, their colour tags (range, matrix) included, and again when
 * they change. node-av's fixed-format contexts read every yuv420p frame as BT.601 limited.
 */
import { SoftwareScaleContext } from 'node-av';

export function taggedScaleContext(): SoftwareScaleContext {
  const context = new SoftwareScaleContext();
  context.allocContext();
  const ret = context.setOption('sws_flags', 'bilinear');
  if (ret < 0) {
    context.freeContext();
    throw new Error(`cannot set swscale's flags (error ${ret})`);
  }
  return context;
}
