/**
 * Forwards one chosen port's media into shared outlets, switchable at run time. After a switch
 * encoded video waits for the new source's keyframe (a P-frame of the new stream would decode
 * against the old one's pictures), the new source is asked for one at once, and timestamps
 * continue the output's timeline so consumers see one stream, not a jump back in time.
 */
import type { MediaOutlet } from '../../media/media-outlet.ts';
import type { AvMediaType, MediaUnit } from '../../media/media-unit.ts';
import type { MediaHubPort } from './media-hub.ts';

const FRAME_US = 33_000;

export class SourceSwitch {
  private current: MediaHubPort | undefined;
  private waitingForKeyframe = false;
  private offsetUs: number | undefined = 0;
  private lastOutUs = -1;

  constructor(private readonly outlets: Partial<Record<AvMediaType, MediaOutlet>>) {
    // A consumer needing a keyframe (new viewer, decoder error) asks the current source.
    for (const mediaType of ['VIDEO', 'AUDIO'] as const) {
      outlets[mediaType]?.onKeyframeRequest(() => this.current?.requestInputKeyframe(mediaType));
    }
  }

  get source(): MediaHubPort | undefined {
    return this.current;
  }

  setSource(port: MediaHubPort | undefined): void {
    if (port === this.current) return;
    this.current = port;
    this.waitingForKeyframe = port !== undefined;
    this.offsetUs = undefined;
    port?.requestInputKeyframe('VIDEO');
  }

  /** A unit from some port: forwarded when that port is the source. */
  forward(port: MediaHubPort, unit: MediaUnit): void {
    if (port !== this.current) return;
    if (unit.mediaType === 'VIDEO' && unit.kind === 'encoded' && this.waitingForKeyframe) {
      if (!unit.keyframe) return;
    }
    if (unit.mediaType === 'VIDEO') this.waitingForKeyframe = false;
    this.offsetUs ??= this.lastOutUs < 0 ? 0 : this.lastOutUs + FRAME_US - unit.timestampUs;
    const timestampUs = unit.timestampUs + this.offsetUs;
    this.lastOutUs = Math.max(this.lastOutUs, timestampUs);
    this.outlets[unit.mediaType]?.publish(this.offsetUs === 0 ? unit : { ...unit, timestampUs });
  }
}
