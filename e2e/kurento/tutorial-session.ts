/**
 * The signalling every Kurento WebRTC tutorial repeats, written with the official kurento-client
 * the way the tutorials write it: IceCandidateFound → browser, browser candidates queued until
 * processOffer, then addIceCandidate, gatherCandidates. The browser is headless Chromium.
 */
import kurentoClient, { type RemoteObject } from 'kurento-client';
import { call } from './client-calls.ts';
// The engine registers WebRtcEndpoint here; the server reaches it through the object model.
import '../../engine/elements/webrtc/index.ts';
import { BrowserPeer, type IceCandidateJson, type VideoSource } from '../webrtc/browser-peer.ts';

/** Opens a Chromium page and negotiates it with `webRtcEndpoint` (already wired into its pipeline). */
export async function negotiateBrowser(
  webRtcEndpoint: RemoteObject,
  options: { source?: VideoSource; audio?: boolean; /** Extra Chromium flags (e.g. a fake camera file). */ chromiumArgs?: string[] } = {},
): Promise<BrowserPeer> {
  const IceCandidate = kurentoClient.getComplexType('IceCandidate');
  const queue: IceCandidateJson[] = [];
  let negotiated = false;
  const browser = await BrowserPeer.launch((candidate) => {
    if (negotiated) void call(webRtcEndpoint, 'addIceCandidate', IceCandidate({ ...candidate })).catch(() => undefined);
    else queue.push(candidate);
  }, options.chromiumArgs);
  try {
    webRtcEndpoint.on('IceCandidateFound', (event) => {
      const candidate = IceCandidate(event.candidate as Record<string, unknown>);
      void browser.addCandidate({ candidate: String(candidate.candidate), sdpMid: String(candidate.sdpMid), sdpMLineIndex: Number(candidate.sdpMLineIndex) }).catch(() => undefined);
    });
    const sdpOffer = await browser.offer({ source: options.source ?? 'camera', audio: options.audio ?? true, trickle: true });
    const sdpAnswer = await call<string>(webRtcEndpoint, 'processOffer', sdpOffer);
    negotiated = true;
    for (const candidate of queue.splice(0)) await call(webRtcEndpoint, 'addIceCandidate', IceCandidate({ ...candidate }));
    await call(webRtcEndpoint, 'gatherCandidates');
    await browser.answer(sdpAnswer);
    return browser;
  } catch (error) {
    await browser.close();
    throw error;
  }
}
