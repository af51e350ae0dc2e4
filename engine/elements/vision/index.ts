/** Registers the vision filters with the object model. */
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { registerObjectFactory } from '../../model/object-factories.ts';
import { FaceBlurFilter } from './face-blur-filter.ts';
import { FaceDetectorFilter } from './face-detector-filter.ts';
import { FaceOverlayFilter } from './face-overlay-filter.ts';
import { FfmpegFilter } from './ffmpeg-filter.ts';
import { ImageOverlayFilter } from './image-overlay-filter.ts';
import { ZBarFilter } from './zbar-filter.ts';

const filters = { FaceOverlayFilter, FaceBlurFilter, FaceDetectorFilter, ImageOverlayFilter, ZBarFilter, FfmpegFilter };

for (const [type, Filter] of Object.entries(filters)) {
  registerObjectFactory(type, ({ pipeline, params }) => new Filter(pipeline as MediaPipeline, params));
}
