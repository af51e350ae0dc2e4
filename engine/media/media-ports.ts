/**
 * The media side of one element: an outlet per (source pad, media type), the inlets its sink
 * pads registered, the links of its connections, and the flow monitors behind the
 * MediaFlowIn/OutStateChanged events. MediaElement owns one and calls link/unlink as
 * connections come and go.
 */
import { FlowMonitor } from './flow-monitor.ts';
import type { InletLink, MediaInlet } from './media-inlet.ts';
import { MediaOutlet, type OutletOptions } from './media-outlet.ts';
import type { AvMediaType, MediaUnit } from './media-unit.ts';

type AnyMediaType = AvMediaType | 'DATA';

export interface PortsOwner {
  label: () => string;
  setMediaFlow: (direction: 'in' | 'out', mediaType: AvMediaType, flowing: boolean, pad: string) => void;
  /** A codec failed inside an outlet: the element reports it as an Error event. */
  onMediaError: (message: string) => void;
  /** An outlet started or stopped transcoding. */
  onTranscoding?: (mediaType: AvMediaType, transcoding: boolean, pad: string) => void;
}

/** What MediaPorts needs to know about a connection. */
export interface PortLink {
  mediaType: AnyMediaType;
  sourceDescription: string;
  sinkDescription: string;
}

const key = (mediaType: string, pad: string): string => `${mediaType}/${pad}`;

export class MediaPorts {
  private readonly outlets = new Map<string, MediaOutlet>();
  private readonly inlets = new Map<string, MediaInlet>();
  private readonly links = new Map<PortLink, { detach: InletLink | undefined; sink: MediaPorts; relink?: () => void }>();
  /** Outlets owned by someone else (a hub's shared output) that serve a pad of this element. */
  private readonly borrowed = new Map<string, MediaOutlet>();
  private readonly monitors = new Map<string, FlowMonitor>();
  /** Connections where this element is the sink, with a way to re-attach them. */
  private readonly incoming = new Map<PortLink, { relink: () => void; requestKeyframe: () => void }>();
  private closed = false;

  constructor(
    private readonly owner: PortsOwner,
    private readonly outletOptions: OutletOptions = {},
  ) {}

  /** The outlet of a source pad for one media type, made on first use; DATA has none. */
  outlet(mediaType: AnyMediaType, pad = 'default'): MediaOutlet | undefined {
    if (mediaType === 'DATA' || this.closed) return undefined;
    const shared = this.borrowed.get(key(mediaType, pad));
    if (shared) return shared;
    let outlet = this.outlets.get(key(mediaType, pad));
    if (!outlet) {
      outlet = new MediaOutlet(mediaType, {
        ...this.outletOptions,
        label: `${this.owner.label()} ${mediaType}/${pad}`,
        onError: (message) => this.owner.onMediaError(message),
        onTranscoding: (transcoding) => {
          if (!this.closed) this.owner.onTranscoding?.(mediaType, transcoding, pad);
        },
      });
      const monitor = this.monitor('out', mediaType, pad);
      const publish = outlet.publish.bind(outlet);
      // Publishing is what "media flows out" means.
      outlet.publish = (unit: MediaUnit) => {
        monitor.touch();
        publish(unit);
      };
      this.outlets.set(key(mediaType, pad), outlet);
    }
    return outlet;
  }

  /**
   * Serves a source pad from an outlet owned elsewhere (a hub's one encoder for all its ports),
   * or from this element's own again with undefined; live connections are re-attached.
   */
  useOutlet(mediaType: AvMediaType, pad: string, outlet: MediaOutlet | undefined): void {
    if (this.closed) return;
    if (outlet) this.borrowed.set(key(mediaType, pad), outlet);
    else this.borrowed.delete(key(mediaType, pad));
    for (const [link, entry] of this.links) {
      if (link.mediaType === mediaType && link.sourceDescription === pad) entry.relink?.();
    }
  }

  inlet(mediaType: AnyMediaType, pad = 'default'): MediaInlet | undefined {
    return this.inlets.get(key(mediaType, pad));
  }

  /** Registers a sink pad's inlet; live connections to that pad are re-linked to it. */
  setInlet(inlet: MediaInlet, pad = 'default'): void {
    this.inlets.set(key(inlet.mediaType, pad), inlet);
    for (const [link, entry] of this.incoming) {
      if (link.mediaType === inlet.mediaType && link.sinkDescription === pad) entry.relink();
    }
  }

  /** Called on the source element's ports when a connection is made. */
  link(connection: PortLink, sink: MediaPorts): void {
    const entry: { detach: InletLink | undefined; sink: MediaPorts; relink?: () => void } = { detach: undefined, sink };
    this.links.set(connection, entry);
    const relink = (): void => {
      entry.detach?.();
      entry.detach = undefined;
      const outlet = this.outlet(connection.mediaType, connection.sourceDescription);
      const target = sink.inlet(connection.mediaType, connection.sinkDescription);
      if (!outlet || !target) return;
      entry.detach = outlet.attach(sink.monitoredInlet(target, connection.sinkDescription));
    };
    entry.relink = relink;
    sink.incoming.set(connection, { relink, requestKeyframe: () => entry.detach?.requestKeyframe() });
    relink();
  }

  unlink(connection: PortLink): void {
    const entry = this.links.get(connection);
    if (!entry) return;
    this.links.delete(connection);
    entry.detach?.();
    entry.sink.incoming.delete(connection);
  }

  /** Asks whoever feeds this element's sink pad for a keyframe. */
  requestKeyframe(mediaType: AvMediaType = 'VIDEO', pad = 'default'): void {
    for (const [link, entry] of this.incoming) {
      if (link.mediaType === mediaType && link.sinkDescription === pad) entry.requestKeyframe();
    }
  }

  isTranscoding(mediaType: AvMediaType): boolean {
    return [...this.outlets.values()].some((o) => o.mediaType === mediaType && o.isTranscoding());
  }

  close(): void {
    this.closed = true;
    for (const connection of [...this.links.keys()]) this.unlink(connection);
    this.borrowed.clear();
    for (const outlet of this.outlets.values()) outlet.close();
    for (const monitor of this.monitors.values()) monitor.close();
    this.outlets.clear();
    this.monitors.clear();
  }

  // ---- internals -------------------------------------------------------------

  private monitoredInlet(target: MediaInlet, pad: string): MediaInlet {
    const monitor = this.monitor('in', target.mediaType, pad);
    return {
      mediaType: target.mediaType,
      get accepts() {
        return target.accepts;
      },
      receive: (unit) => {
        monitor.touch();
        target.receive(unit);
      },
    };
  }

  private monitor(direction: 'in' | 'out', mediaType: AvMediaType, pad: string): FlowMonitor {
    const k = `${direction}:${key(mediaType, pad)}`;
    let monitor = this.monitors.get(k);
    if (!monitor) {
      monitor = new FlowMonitor((flowing) => {
        if (!this.closed) this.owner.setMediaFlow(direction, mediaType, flowing, pad);
      });
      this.monitors.set(k, monitor);
    }
    return monitor;
  }
}
