/**
 * The audio side of the mixing hubs (Composite, AlphaBlending, Mixer): every port's input goes
 * into one mix bus; every 20 ms each port that has listeners gets, on its own outlet, the mix of
 * the ports it hears (by default everyone but itself).
 */
import type { MediaUnit } from '../../media/media-unit.ts';
import { monoFrame } from './audio-samples.ts';
import { AudioMixBus, mixOf } from './audio-mix-bus.ts';
import type { MediaHubPort } from './media-hub.ts';

export class HubAudioMix {
  private readonly bus: AudioMixBus<MediaHubPort>;

  constructor(
    ports: () => MediaHubPort[],
    private readonly onError: (message: string) => void,
    hears: (listener: MediaHubPort, speaker: MediaHubPort) => boolean = (listener, speaker) => listener !== speaker,
  ) {
    this.bus = new AudioMixBus<MediaHubPort>((chunks, timestampUs) => {
      for (const listener of ports()) {
        const outlet = listener.getOutlet('AUDIO');
        if (!outlet || outlet.inletCount === 0) continue;
        const frame = monoFrame(
          mixOf(chunks, (speaker) => hears(listener, speaker as MediaHubPort)),
          timestampUs,
        );
        try {
          outlet.publish({ kind: 'raw-audio', mediaType: 'AUDIO', frame, sampleRate: frame.sampleRate, channels: 1, timestampUs });
        } finally {
          frame.free();
        }
      }
    });
  }

  receive(port: MediaHubPort, unit: MediaUnit): void {
    if (unit.kind !== 'raw-audio') return;
    try {
      this.bus.push(port, unit.frame);
    } catch (error) {
      this.onError(`${port.describe()}: ${(error as Error).message}`);
    }
  }

  remove(port: MediaHubPort): void {
    this.bus.remove(port);
  }

  close(): void {
    this.bus.close();
  }
}
