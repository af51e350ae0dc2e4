/**
 * The media side shared by every hub: ports whose sink feeds the hub (`receive`) and whose
 * source is served either by the port's own outlet or by an outlet the hub shares between
 * ports (one encoder per output format for all of them, the outlet's fan-out).
 */
import { KurentoErrorCode } from '../../errors.ts';
import { inlet, type InletAccepts } from '../../media/media-inlet.ts';
import { FlowMonitor } from '../../media/flow-monitor.ts';
import { MediaOutlet } from '../../media/media-outlet.ts';
import type { AvMediaType, MediaUnit } from '../../media/media-unit.ts';
import { Hub } from '../../model/hub.ts';
import { HubPort } from '../../model/hub-port.ts';
import type { Connection } from '../../model/media-element.ts';
import type { MediaPipeline } from '../../model/media-pipeline.ts';

export const AV_TYPES: readonly AvMediaType[] = ['VIDEO', 'AUDIO'];

export abstract class MediaHub extends Hub {
  private readonly sharedOutlets = new Set<MediaOutlet>();
  private readonly reported = new Set<string>();

  constructor(type: string, pipeline: MediaPipeline, params: Record<string, unknown> = {}) {
    super(type, pipeline, params);
  }

  /** What a port's sink takes for a media type (raw for mixing hubs, anything for routing hubs). */
  abstract accepts(mediaType: AvMediaType): InletAccepts;
  /** A unit arrived at a port's sink; valid during the call only. */
  abstract receive(port: MediaHubPort, unit: MediaUnit): void;
  /** A port is ready for media (its own constructor has run). */
  protected abstract portJoined(port: MediaHubPort): void;
  /** A port was released. */
  protected abstract portLeft(port: MediaHubPort): void;

  /** A port's sink lost its source for a media type (its picture leaves a grid). */
  inputDisconnected(_port: MediaHubPort, _mediaType: AvMediaType): void {}

  /** Live ports, in creation order. */
  mediaPorts(): MediaHubPort[] {
    return this.ports.filter((p): p is MediaHubPort => p instanceof MediaHubPort && !p.released);
  }

  /** Called by MediaHubPort once it is fully built (Hub.portAdded runs before that). */
  join(port: MediaHubPort): void {
    if (!this.released) this.portJoined(port);
  }

  override portRemoved(port: HubPort): void {
    if (port instanceof MediaHubPort && !this.released) this.portLeft(port);
  }

  /** An outlet owned by the hub that ports may serve from; closed with the hub. */
  protected sharedOutlet(mediaType: AvMediaType, label: string): MediaOutlet {
    const outlet = new MediaOutlet(mediaType, { label: `${this.describe()} ${label}`, onError: (message) => this.reportOnce(message) });
    this.sharedOutlets.add(outlet);
    // Media published here flows out of every port it serves (MediaFlowOutStateChanged).
    const publish = outlet.publish.bind(outlet);
    outlet.publish = (unit: MediaUnit) => {
      publish(unit);
      for (const port of this.mediaPorts()) port.sharedMediaOut(outlet);
    };
    return outlet;
  }

  protected closeSharedOutlet(outlet: MediaOutlet): void {
    outlet.close();
    this.sharedOutlets.delete(outlet);
  }

  /** A media problem becomes one Error event per distinct message; the hub keeps running. */
  protected reportOnce(message: string): void {
    if (this.released || this.reported.has(message)) return;
    if (this.reported.size > 50) this.reported.clear();
    this.reported.add(message);
    this.emitError(message, KurentoErrorCode.UNEXPECTED_ERROR, 'MEDIA_ERROR');
  }

  protected override onRelease(): void {
    for (const outlet of this.sharedOutlets) outlet.close();
    this.sharedOutlets.clear();
    super.onRelease();
  }
}

/** A HubPort with media: its sink feeds its hub, its source is what the hub sends this participant. */
export class MediaHubPort extends HubPort {
  /** Hub-owned outlets serving this port's source, and the flow they report for it. */
  private readonly servedBy = new Map<AvMediaType, MediaOutlet>();
  private readonly outFlow = new Map<AvMediaType, FlowMonitor>();

  constructor(hub: MediaHub, params: Record<string, unknown> = {}) {
    super(hub, params);
    for (const mediaType of AV_TYPES) {
      this.media.setInlet(
        inlet(mediaType, hub.accepts(mediaType), (unit) => {
          if (!this.released) hub.receive(this, unit);
        }),
      );
    }
    hub.join(this);
  }

  protected override onSourceDisconnected(connection: Connection): void {
    if (connection.mediaType !== 'DATA' && this.hub instanceof MediaHub) this.hub.inputDisconnected(this, connection.mediaType);
  }

  /** Serves this port's source from a hub-owned outlet, or from the port's own with undefined. */
  serveFrom(mediaType: AvMediaType, outlet: MediaOutlet | undefined): void {
    if (this.released || this.servedBy.get(mediaType) === outlet) return;
    this.media.useOutlet(mediaType, 'default', outlet);
    if (outlet) {
      this.servedBy.set(mediaType, outlet);
      return;
    }
    this.servedBy.delete(mediaType);
    const monitor = this.outFlow.get(mediaType);
    if (!monitor) return;
    monitor.close();
    this.outFlow.delete(mediaType);
    this.setMediaFlow('out', mediaType, false);
  }

  /** The hub published on one of its outlets: media flows out of this port if that outlet serves it. */
  sharedMediaOut(outlet: MediaOutlet): void {
    for (const [mediaType, served] of this.servedBy) {
      if (served !== outlet) continue;
      let monitor = this.outFlow.get(mediaType);
      if (!monitor) {
        monitor = new FlowMonitor((flowing) => {
          if (!this.released) this.setMediaFlow('out', mediaType, flowing);
        });
        this.outFlow.set(mediaType, monitor);
      }
      monitor.touch();
    }
  }

  protected override onRelease(): void {
    for (const monitor of this.outFlow.values()) monitor.close();
    this.outFlow.clear();
    super.onRelease();
  }

  /** Asks whoever feeds this port for a keyframe. */
  requestInputKeyframe(mediaType: AvMediaType = 'VIDEO'): void {
    if (!this.released) this.media.requestKeyframe(mediaType);
  }
}
