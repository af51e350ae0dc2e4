/** Kurento's filters module classes (kurento-client-filters 7.3.0), with Fluo's pads and editor hints. */
import { method, opt, param, prop, t } from './define.ts';
import type { ClassSpec } from './types.ts';

const pipelineParam = param('mediaPipeline', t.object('MediaPipeline'), 'The pipeline the filter belongs to.');
const imageUri = param('uri', t.string('uri', 1), 'Where the image is: a file:// or http(s):// URI readable by the engine.');

export const FILTERS_CLASSES: ClassSpec[] = [
  {
    name: 'FaceOverlayFilter',
    module: 'filters',
    extends: 'Filter',
    description: 'A filter that detects faces in the video and draws an image over each one, placed and sized relative to the face.',
    summary: 'Put an image on every face',
    icon: 'face-overlay',
    constructorParams: [pipelineParam],
    methods: [
      method('unsetOverlayedImage', [], 'Removes the overlay image: faces are no longer covered.', { action: true }),
      method(
        'setOverlayedImage',
        [
          imageUri,
          param('offsetXPercent', t.float(), "Horizontal shift of the image from the face box's top-left corner, as a ratio of the face width (0 covers the face, positive moves right)."),
          param('offsetYPercent', t.float(), "Vertical shift of the image from the face box's top-left corner, as a ratio of the face height (0 covers the face, negative moves up, e.g. -1.2 for a hat)."),
          param('widthPercent', t.float(0), 'Width of the image as a ratio of the face width (1.0 is as wide as the face).'),
          param('heightPercent', t.float(0), 'Height of the image as a ratio of the face height (1.0 is as tall as the face).'),
        ],
        'Sets the image drawn over every detected face, with its offset and size relative to the face (the values are ratios, not percentages).',
      ),
    ],
  },
  {
    name: 'GStreamerFilter',
    module: 'filters',
    extends: 'Filter',
    description:
      'A generic filter that injects a single GStreamer element, described as in gst-launch, into the pipeline (Fluo offers FfmpegFilter instead).',
    constructorParams: [
      pipelineParam,
      param('command', t.string(), "The GStreamer element and its properties, as written for gst-launch, e.g. 'videoflip method=horizontal-flip'."),
      opt('filterType', t.complex('FilterType'), 'AUTODETECT', 'Whether the element processes audio, video, or whichever it declares.'),
    ],
    properties: [prop('command', t.string(), 'ro', 'The gst-launch description of the injected element.')],
    methods: [
      method(
        'setElementProperty',
        [param('propertyName', t.string(), 'Name of the GStreamer element property.'), param('propertyValue', t.string(), 'Value to give it.')],
        'Sets a property of the injected GStreamer element while it runs.',
      ),
    ],
  },
  {
    name: 'ImageOverlayFilter',
    module: 'filters',
    extends: 'Filter',
    description: 'A filter that draws one or more images at configured positions over the video, such as a logo or a watermark.',
    summary: 'Draw images over the video',
    icon: 'image-overlay',
    constructorParams: [pipelineParam],
    methods: [
      method('removeImage', [param('id', t.string(), 'Identifier given to the image in addImage.')], 'Removes an image added with addImage.'),
      method(
        'addImage',
        [
          param('id', t.string(), 'Identifier for the image, used to remove it later.'),
          imageUri,
          param('offsetXPercent', t.float(0, 1), "Left edge of the image, as a fraction of the video's width."),
          param('offsetYPercent', t.float(0, 1), "Top edge of the image, as a fraction of the video's height."),
          param('widthPercent', t.float(0, 1), "Width of the image's area, as a fraction of the video's width."),
          param('heightPercent', t.float(0, 1), "Height of the image's area, as a fraction of the video's height."),
          param('keepAspectRatio', t.boolean(), "Keep the image's own aspect ratio instead of stretching it to the area."),
          param('center', t.boolean(), 'Center the image in its area when it does not fill it.'),
        ],
        'Adds an image to draw over the video in the given area.',
      ),
    ],
  },
  {
    name: 'OpenCVFilter',
    module: 'filters',
    extends: 'Filter',
    abstract: true,
    description: 'Base of filters that process each video frame with OpenCV.',
  },
  {
    name: 'ZBarFilter',
    module: 'filters',
    extends: 'Filter',
    description: 'A filter that scans the video for QR codes and bar codes and raises a CodeFound event for each code it reads; the media passes through unchanged.',
    summary: 'Read QR and bar codes',
    icon: 'qr',
    constructorParams: [pipelineParam],
    events: ['CodeFound'],
  },
];
