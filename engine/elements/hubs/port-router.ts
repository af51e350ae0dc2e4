/**
 * Routes ports to ports for some media types (Dispatcher: all of them; Mixer: video). Each
 * source port that feeds a sink has one outlet per media type, shared by all the sinks it feeds.
 */
import type { MediaOutlet } from '../../media/media-outlet.ts';
import type { AvMediaType, MediaUnit } from '../../media/media-unit.ts';
import type { MediaHubPort } from './media-hub.ts';
import { SourceSwitch } from './source-switch.ts';

interface Route {
  outlets: Partial<Record<AvMediaType, MediaOutlet>>;
  switch: SourceSwitch;
}

export interface RouterOutlets {
  open: (mediaType: AvMediaType, label: string) => MediaOutlet;
  close: (outlet: MediaOutlet) => void;
}

export class PortRouter {
  /** Which source each sink port receives. */
  private readonly sources = new Map<MediaHubPort, MediaHubPort>();
  private readonly routes = new Map<MediaHubPort, Route>();

  constructor(
    private readonly mediaTypes: readonly AvMediaType[],
    private readonly outlets: RouterOutlets,
  ) {}

  connect(source: MediaHubPort, sink: MediaHubPort): void {
    this.sources.set(sink, source);
    const route = this.routeOf(source);
    for (const mediaType of this.mediaTypes) sink.serveFrom(mediaType, route.outlets[mediaType]);
    source.requestInputKeyframe('VIDEO');
    this.dropUnusedRoutes();
  }

  disconnect(source: MediaHubPort, sink: MediaHubPort): void {
    if (this.sources.get(sink) !== source) return;
    this.sources.delete(sink);
    for (const mediaType of this.mediaTypes) sink.serveFrom(mediaType, undefined);
    this.dropUnusedRoutes();
  }

  forward(port: MediaHubPort, unit: MediaUnit): void {
    this.routes.get(port)?.switch.forward(port, unit);
  }

  portLeft(port: MediaHubPort): void {
    this.sources.delete(port);
    for (const [sink, source] of this.sources) if (source === port) this.disconnect(port, sink);
    this.dropUnusedRoutes();
  }

  private routeOf(source: MediaHubPort): Route {
    let route = this.routes.get(source);
    if (!route) {
      const outlets: Partial<Record<AvMediaType, MediaOutlet>> = {};
      for (const mediaType of this.mediaTypes) outlets[mediaType] = this.outlets.open(mediaType, `from ${source.id}`);
      route = { outlets, switch: new SourceSwitch(outlets) };
      route.switch.setSource(source);
      this.routes.set(source, route);
    }
    return route;
  }

  private dropUnusedRoutes(): void {
    const used = new Set(this.sources.values());
    for (const [source, route] of this.routes) {
      if (used.has(source)) continue;
      for (const outlet of Object.values(route.outlets)) this.outlets.close(outlet);
      this.routes.delete(source);
    }
  }
}
