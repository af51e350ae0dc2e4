/**
 * A WebRTC sender into a hub port: a werift peer in this process that encodes a solid colour
 * to VP8 itself (node-av, outside the engine's codec counts) and sends it to a WebRtcEndpoint
 * connected to the port. Keyframes come only every 20 s or when the engine asks (PLI), so a
 * viewer that switches to this sender quickly proves the keyframe request went through.
 */
import { yuvOf } from '../../engine/elements/test-support.ts';
import type { WebRtcEndpoint } from '../../engine/elements/webrtc/web-rtc-endpoint.ts';
import { solidFrame } from '../../engine/media/test-frames.ts';
import { VideoEncoder } from '../../engine/media/video-encoder.ts';
import type { MediaElement } from '../../engine/model/media-element.ts';
import type { MediaPipeline } from '../../engine/model/media-pipeline.ts';
import { WebRtcTransport } from '../../engine/webrtc/webrtc-transport.ts';

const FPS = 15;

export class SenderPeer {
  readonly endpoint: WebRtcEndpoint;
  keyframeRequests = 0;
  private readonly peer: WebRtcTransport;
  private readonly encoder = new VideoEncoder('VP8', { bitrate: 300_000, keyframeInterval: FPS * 20, framerate: FPS });
  private timer: NodeJS.Timeout | undefined;
  private keyframeWanted = true;
  private busy = false;
  private index = 0;

  private constructor(
    pipeline: MediaPipeline,
    port: MediaElement,
    private readonly color: string,
  ) {
    this.endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
    this.endpoint.connect(port, 'VIDEO');
    this.peer = new WebRtcTransport(
      { direction: 'sendonly' },
      {
        onKeyframeRequested: () => {
          this.keyframeRequests++;
          this.keyframeWanted = true;
        },
      },
    );
  }

  static async open(pipeline: MediaPipeline, port: MediaElement, color: string): Promise<SenderPeer> {
    const sender = new SenderPeer(pipeline, port, color);
    await sender.peer.processAnswer(await sender.endpoint.processOffer(await sender.peer.generateOffer({ video: true })));
    sender.timer = setInterval(() => void sender.sendNext(), 1000 / FPS);
    return sender;
  }

  private async sendNext(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const i = this.index++;
      const timestampUs = Math.round((i * 1_000_000) / FPS);
      const keyframe = this.keyframeWanted;
      this.keyframeWanted = false;
      for (const unit of await this.encoder.encode(solidFrame(320, 240, yuvOf(this.color), i), timestampUs, keyframe)) {
        this.peer.sendFrame('video', 'VP8', unit.data, timestampUs);
      }
    } finally {
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 10));
    this.encoder.close();
    await this.peer.close();
    if (!this.endpoint.released) this.endpoint.release();
  }
}
