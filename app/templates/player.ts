/** Kurento's player tutorial: play a video file or stream into the browser. */
import { at, template } from './seed.ts';

export const player = template(
  'Player',
  'PlayerEndpoint → WebRtcEndpoint: plays a file or network stream in the browser. Set the player\'s URI to your own video.',
  [
    at(0, 0, { id: 'player', type: 'PlayerEndpoint', label: 'Video file', params: { uri: 'http://files.openvidu.io/video/format/sintel.webm' } }),
    at(1, 0, { id: 'webrtc', type: 'WebRtcEndpoint', label: 'Browser', params: { sendonly: true } }),
  ],
  [{ from: 'player', to: 'webrtc' }],
);
