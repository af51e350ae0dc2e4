/** Kurento's Magic Mirror: the browser's video comes back with a hat drawn on every face. */
import { at, template } from './seed.ts';

export const magicMirror = template(
  'Magic Mirror',
  'WebRtcEndpoint → FaceOverlayFilter → the same WebRtcEndpoint: your camera comes back with an image placed on each face.',
  [
    at(0, 0, { id: 'webrtc', type: 'WebRtcEndpoint', label: 'Browser' }),
    at(1, 1, { id: 'faceOverlay', type: 'FaceOverlayFilter', label: 'Face overlay' }),
  ],
  [
    { from: 'webrtc', to: 'faceOverlay' },
    { from: 'faceOverlay', to: 'webrtc' },
  ],
);
