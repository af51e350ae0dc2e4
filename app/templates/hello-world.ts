/** Kurento's Hello World: the browser's WebRTC stream sent straight back to it. */
import { at, template } from './seed.ts';

export const helloWorld = template(
  'Hello World loopback',
  'A WebRtcEndpoint connected to itself: the browser sees its own camera, sent through the pipeline and back.',
  [at(0, 0, { id: 'webrtc', type: 'WebRtcEndpoint', label: 'Browser' })],
  [{ from: 'webrtc', to: 'webrtc' }],
);
