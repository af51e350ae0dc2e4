/**
 * The audio side of the mixing hubs (Composite, AlphaBlending, Mixer): every port's input goes
 * into one mix bus; every 20 ms each port that has listeners gets, on its own outlet, the mix of
 * the ports it hears: everyone but itself (the sum of all minus its own, so the cost grows with
 * the number of ports, not its square), or the set a Mixer connected to it.
 */
import type { MediaUnit } from '../../media/media-unit.ts';
import { monoFrame } from './audio-samples.ts';
import { AudioMixBus, mixOf, TICK_SAMPLES } from './audio-mix-bus.ts';
import type { MediaHubPort } from './media-hub.ts';

export class HubAudioMix {
  private readonly bus: AudioMixBus<MediaHubPort>;

  constructor(
    ports: () => MediaHubPort[],
    private readonly onError: (message: string) => void,
    /** The ports a listener chose to hear; undefined: everyone but itself. */
    chosen: (listener: MediaHubPort) => ReadonlySet<MediaHubPort> | undefined = () => undefined,
  ) {
    this.bus = new AudioMixBus<MediaHubPort>((chunks, timestampUs) => {
      let total: Float32Array | undefined;
      for (const listener of ports()) {
        const outlet = listener.getOutlet('AUDIO');
        if (!outlet || outlet.inletCount === 0) continue;
        const set = chosen(listener);
        let mix: Float32Array;
        if (set) {
          mix = mixOf(chunks, (speaker) => speaker !== listener && set.has(speaker as MediaHubPort));
        } else {
          total ??= mixOf(chunks, () => true, false);
          mix = withoutOwn(total, chunks.get(listener));
        }
        const frame = monoFrame(mix, timestampUs);
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

/** The unclipped sum of everyone minus one speaker's chunk, clipped to [-1, 1]. */
function withoutOwn(total: Float32Array, own: Float32Array | undefined): Float32Array {
  const out = new Float32Array(TICK_SAMPLES);
  for (let i = 0; i < TICK_SAMPLES; i++) out[i] = Math.max(-1, Math.min(1, total[i]! - (own?.[i] ?? 0)));
  return out;
}
