/**
 * Mixer: audio from every port is mixed and each port hears the others (never itself); with
 * connect('AUDIO', source, sink) a port hears only the sources connected to it (everyone else
 * again once none is left). Video is routed
 * port to port with connect('VIDEO', source, sink), as in Kurento's Mixer.
 */
import { MediaError } from '../../errors.ts';
import type { InletAccepts } from '../../media/media-inlet.ts';
import type { AvMediaType, MediaUnit } from '../../media/media-unit.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';
import { HubAudioMix } from './hub-audio-mix.ts';
import { MediaHub, type MediaHubPort } from './media-hub.ts';
import { PortRouter } from './port-router.ts';

export class Mixer extends MediaHub {
  private readonly router = new PortRouter(['VIDEO'], {
    open: (mediaType, label) => this.sharedOutlet(mediaType, label),
    close: (outlet) => this.closeSharedOutlet(outlet),
  });
  /** Sinks that chose what they hear, and whom. */
  private readonly heard = new Map<MediaHubPort, Set<MediaHubPort>>();
  private readonly audio: HubAudioMix;

  constructor(pipeline: MediaPipeline, params: Record<string, unknown>) {
    super('Mixer', pipeline, params);
    this.audio = new HubAudioMix(
      () => this.mediaPorts(),
      (message) => this.reportOnce(message),
      (listener) => this.heard.get(listener),
    );
  }

  connect(media: string, source: MediaHubPort, sink: MediaHubPort): void {
    if (media === 'VIDEO') this.router.connect(source, sink);
    else if (media === 'AUDIO') this.heard.set(sink, (this.heard.get(sink) ?? new Set()).add(source));
    else throw new MediaError('UNSUPPORTED_MEDIA_TYPE', `${this.describe()}: cannot mix ${media}`);
  }

  disconnect(media: string, source: MediaHubPort, sink: MediaHubPort): void {
    if (media === 'VIDEO') this.router.disconnect(source, sink);
    else this.stopHearing(sink, source);
  }

  /** A port with no audio connection left hears everyone else again. */
  private stopHearing(listener: MediaHubPort, speaker: MediaHubPort): void {
    const set = this.heard.get(listener);
    if (!set?.delete(speaker)) return;
    if (set.size === 0) this.heard.delete(listener);
  }

  accepts(mediaType: AvMediaType): InletAccepts {
    return mediaType === 'VIDEO' ? { encoded: 'any', raw: true } : { raw: true };
  }

  receive(port: MediaHubPort, unit: MediaUnit): void {
    if (unit.mediaType === 'VIDEO') this.router.forward(port, unit);
    else this.audio.receive(port, unit);
  }

  protected portJoined(_port: MediaHubPort): void {}

  protected portLeft(port: MediaHubPort): void {
    this.router.portLeft(port);
    this.audio.remove(port);
    this.heard.delete(port);
    for (const listener of [...this.heard.keys()]) this.stopHearing(listener, port);
  }

  override inputDisconnected(port: MediaHubPort, mediaType: AvMediaType): void {
    if (mediaType === 'AUDIO') this.audio.remove(port);
  }

  protected override onRelease(): void {
    this.audio.close();
    super.onRelease();
  }
}
