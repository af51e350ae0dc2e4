/**
 * A WebRTC viewer of a hub port: a WebRtcEndpoint fed by the port, and a werift peer in this
 * process that receives its video and decodes it, so tests read the colours a viewer sees.
 */
import { DecodedPicture } from '../../engine/elements/hubs/test-support.ts';
import type { WebRtcEndpoint } from '../../engine/elements/webrtc/web-rtc-endpoint.ts';
import type { MediaElement } from '../../engine/model/media-element.ts';
import type { MediaPipeline } from '../../engine/model/media-pipeline.ts';
import { WebRtcTransport } from '../../engine/webrtc/webrtc-transport.ts';

export class ViewerPeer {
  readonly endpoint: WebRtcEndpoint;
  readonly picture: DecodedPicture;
  private readonly peer: WebRtcTransport;

  private constructor(pipeline: MediaPipeline, port: MediaElement) {
    this.endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
    port.connect(this.endpoint, 'VIDEO');
    // The decoder asks for a keyframe as it starts, before the peer exists: the peer's first one comes anyway.
    this.picture = new DecodedPicture('VP8', () => this.peer?.requestKeyframe());
    this.peer = new WebRtcTransport(
      { direction: 'recvonly' },
      {
        onFrame: (kind, codec, frame, timestampUs) => {
          if (kind !== 'video' || codec.name !== 'VP8') return;
          this.picture.push({ kind: 'encoded', mediaType: 'VIDEO', codec: 'VP8', data: frame.data, keyframe: frame.keyframe, timestampUs });
        },
      },
    );
  }

  /** Negotiates a receive-only video session with a new endpoint fed by `port`. */
  static async open(pipeline: MediaPipeline, port: MediaElement): Promise<ViewerPeer> {
    const viewer = new ViewerPeer(pipeline, port);
    const offer = await viewer.peer.generateOffer({ video: true });
    await viewer.peer.processAnswer(await viewer.endpoint.processOffer(offer));
    return viewer;
  }

  async close(): Promise<void> {
    this.picture.close();
    await this.peer.close();
    if (!this.endpoint.released) this.endpoint.release();
  }
}
