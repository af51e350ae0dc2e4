/** Kurento's filters module classes (kurento-client-filters 7.3.0), with Fluo's pads and editor hints. */
import { AV, AVD, method, opt, pad, param, prop, t } from './define.ts';
import type { ClassSpec } from './types.ts';

export const FILTERS_CLASSES: ClassSpec[] = [
  {
    name: 'FaceOverlayFilter',
    module: 'filters',
    extends: 'Filter',
    description: "FaceOverlayFilter interface.",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), '')
    ],
    methods: [
      method('unsetOverlayedImage', [], ''),
      method('setOverlayedImage', [param('uri', t.string(), ''), param('offsetXPercent', t.float(), ''), param('offsetYPercent', t.float(), ''), param('widthPercent', t.float(), ''), param('heightPercent', t.float(), '')], '')
    ],
  },
  {
    name: 'GStreamerFilter',
    module: 'filters',
    extends: 'Filter',
    description: "A generic filter that allows injecting a single GStreamer element.",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), ''),
      param('command', t.string(), ''),
      opt('filterType', t.complex('FilterType'), "AUTODETECT", '')
    ],
    properties: [
      prop('command', t.string(), 'ro', '')
    ],
    methods: [
      method('setElementProperty', [param('propertyName', t.string(), ''), param('propertyValue', t.string(), '')], '')
    ],
  },
  {
    name: 'ImageOverlayFilter',
    module: 'filters',
    extends: 'Filter',
    description: "ImageOverlayFilter interface.",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), '')
    ],
    methods: [
      method('removeImage', [param('id', t.string(), '')], ''),
      method('addImage', [param('id', t.string(), ''), param('uri', t.string(), ''), param('offsetXPercent', t.float(), ''), param('offsetYPercent', t.float(), ''), param('widthPercent', t.float(), ''), param('heightPercent', t.float(), ''), param('keepAspectRatio', t.boolean(), ''), param('center', t.boolean(), '')], '')
    ],
  },
  {
    name: 'OpenCVFilter',
    module: 'filters',
    extends: 'Filter',
    abstract: true,
    description: "Generic OpenCV Filter",
  },
  {
    name: 'ZBarFilter',
    module: 'filters',
    extends: 'Filter',
    description: "This filter detects QR codes in a video feed.",
    constructorParams: [
      param('mediaPipeline', t.object('MediaPipeline'), '')
    ],
    events: ["CodeFound"],
  },
];
