/** Kurento's recorder tutorial: record the browser's stream while showing it back as a preview. */
import { at, template } from './seed.ts';

export const recorder = template(
  'Recorder',
  'WebRtcEndpoint → RecorderEndpoint writing a WebM file, and back to the browser as a preview.',
  [
    at(0, 0, { id: 'webrtc', type: 'WebRtcEndpoint', label: 'Browser' }),
    at(1, 1, { id: 'recorder', type: 'RecorderEndpoint', label: 'Recording', params: { uri: 'file:///tmp/fluo-recording.webm', mediaProfile: 'WEBM' } }),
  ],
  [
    { from: 'webrtc', to: 'recorder' },
    { from: 'webrtc', to: 'webrtc' },
  ],
);
