/**
 * Kurento's Hello World wiring, shared by the browser tests and bench/webrtc.ts: a pipeline
 * with one WebRtcEndpoint connected to itself, and a Chromium page as its peer. Signalling
 * follows the tutorial: offer → processOffer → answer, gatherCandidates, candidates both ways
 * through IceCandidateFound / addIceCandidate (or none at all for a full, non-trickle offer).
 */
import '../../engine/elements/webrtc/index.ts';
import type { WebRtcEndpoint } from '../../engine/elements/webrtc/web-rtc-endpoint.ts';
import type { MediaElement } from '../../engine/model/media-element.ts';
import type { MediaEvent } from '../../engine/model/media-object.ts';
import { MediaPipeline } from '../../engine/model/media-pipeline.ts';
import { BrowserPeer, type IceCandidateJson, type PeerOptions } from './browser-peer.ts';

export interface LoopbackSession {
  pipeline: MediaPipeline;
  endpoint: WebRtcEndpoint;
  browser: BrowserPeer;
  events: MediaEvent[];
  /** ms from the page's offer request to the answer applied in the page. */
  negotiationMs: number;
  /** performance.now() when the page was asked for its offer. */
  offerStartedAt: number;
  close(): Promise<void>;
}

export interface LoopbackOptions extends PeerOptions {
  /** An element to send the video through (endpoint → it → endpoint) instead of straight back. */
  through?: (pipeline: MediaPipeline) => MediaElement;
  /** Extra Chromium flags (e.g. a fake camera file). */
  chromiumArgs?: string[];
}

export async function startLoopbackSession(options: LoopbackOptions = {}): Promise<LoopbackSession> {
  const { through, chromiumArgs, ...peerOptions } = options;
  const trickle = options.trickle ?? true;
  const pipeline = new MediaPipeline();
  const endpoint = pipeline.create('WebRtcEndpoint', { useDataChannels: options.dataChannel ?? false }) as WebRtcEndpoint;
  if (through) {
    const middle = through(pipeline);
    endpoint.connect(middle, 'VIDEO');
    middle.connect(endpoint, 'VIDEO');
  } else {
    endpoint.connect(endpoint);
  }
  const events: MediaEvent[] = [];
  endpoint.on('*', (e) => events.push(e));

  const early: IceCandidateJson[] = [];
  let negotiated = false;
  let browser: BrowserPeer | undefined;
  try {
    browser = await BrowserPeer.launch((c) => {
      if (!trickle) return;
      if (negotiated) void endpoint.addIceCandidate(c).catch(() => undefined);
      else early.push(c);
    }, chromiumArgs);
    const page = browser;
    if (trickle) endpoint.on('IceCandidateFound', (e) => void page.addCandidate(e.candidate as IceCandidateJson).catch(() => undefined));
    const started = performance.now();
    const offer = await page.offer({ ...peerOptions, trickle });
    const answer = await endpoint.processOffer(offer);
    negotiated = true;
    for (const c of early.splice(0)) await endpoint.addIceCandidate(c);
    if (trickle) endpoint.gatherCandidates();
    await page.answer(answer);
    const negotiationMs = performance.now() - started;
    return {
      pipeline,
      endpoint,
      browser: page,
      events,
      negotiationMs,
      offerStartedAt: started,
      close: async () => {
        await page.close();
        pipeline.release();
      },
    };
  } catch (error) {
    await browser?.close();
    pipeline.release();
    throw error;
  }
}
