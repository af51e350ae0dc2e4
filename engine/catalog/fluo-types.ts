/** Complex types and events of Fluo's own elements. */
import { param, t } from './define.ts';
import type { ComplexTypeSpec, EventSpec } from './types.ts';

export const FLUO_TYPES: ComplexTypeSpec[] = [
  {
    kind: 'enum',
    name: 'TestPattern',
    module: 'fluo',
    values: ['SMPTE_BARS', 'TEST_SRC', 'SOLID_COLOR', 'MANDELBROT', 'LIFE'],
    description: 'Pictures a TestPatternEndpoint can generate.',
  },
  { kind: 'enum', name: 'FaceBlurMode', module: 'fluo', values: ['BLUR', 'PIXELATE'], description: 'How FaceBlurFilter hides a face.' },
  {
    kind: 'struct',
    name: 'CameraDevice',
    module: 'fluo',
    description: 'A camera the engine can open.',
    fields: [
      param('id', t.string(), 'Device identifier to pass as CameraEndpoint.device.'),
      param('name', t.string(), 'Human-readable device name.'),
      param('backend', t.string(), 'Capture backend: v4l2, avfoundation or dshow.'),
    ],
  },
  {
    kind: 'struct',
    name: 'Point',
    module: 'fluo',
    description: 'A point in frame pixels.',
    fields: [param('x', t.float(), 'Horizontal position.', { unit: 'px' }), param('y', t.float(), 'Vertical position.', { unit: 'px' })],
  },
  {
    kind: 'struct',
    name: 'DetectedFace',
    module: 'fluo',
    description: 'One face found in a frame.',
    fields: [
      param('x', t.float(), 'Left edge of the face box.', { unit: 'px' }),
      param('y', t.float(), 'Top edge of the face box.', { unit: 'px' }),
      param('width', t.float(), 'Width of the face box.', { unit: 'px' }),
      param('height', t.float(), 'Height of the face box.', { unit: 'px' }),
      param('score', t.float(0, 1), 'Detector confidence.'),
      param('keypoints', t.map(t.complex('Point')), 'Named keypoints: rightEye, leftEye, nose, mouth, rightEar, leftEar.'),
    ],
  },
];

export const FLUO_EVENTS: EventSpec[] = [
  {
    name: 'FacesDetected',
    module: 'fluo',
    extends: 'Media',
    description: 'Raised by a FaceDetectorFilter with the faces found in each analysed frame.',
    fields: [
      param('faces', t.array(t.complex('DetectedFace')), 'Faces in the frame, best first.'),
      param('frameTimestamp', t.int64(), 'Presentation time of the analysed frame.', { unit: 'ms' }),
      param('frameWidth', t.int(), 'Width of the analysed frame.', { unit: 'px' }),
      param('frameHeight', t.int(), 'Height of the analysed frame.', { unit: 'px' }),
    ],
  },
];
