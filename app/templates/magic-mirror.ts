/** Kurento's Magic Mirror: the browser's video comes back with a hat drawn on every face. */
import { at, template } from './seed.ts';

export const magicMirror = template(
  'Magic Mirror',
  'WebRtcEndpoint → FaceOverlayFilter → the same WebRtcEndpoint: your camera comes back with an image placed on each face.',
  [
    at(0, 0, { id: 'webrtc', type: 'WebRtcEndpoint', label: 'Browser' }),
    at(1, 1, {
      id: 'faceOverlay',
      type: 'FaceOverlayFilter',
      label: 'Face overlay',
      // Kurento's tutorial hat: offsets and size relative to the face box.
      calls: [{ method: 'setOverlayedImage', params: { uri: 'asset:hat.png', offsetXPercent: -0.35, offsetYPercent: -1.2, widthPercent: 1.6, heightPercent: 1.6 } }],
    }),
  ],
  [
    { from: 'webrtc', to: 'faceOverlay' },
    { from: 'faceOverlay', to: 'webrtc' },
  ],
);
