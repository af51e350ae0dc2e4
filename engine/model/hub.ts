/** Hub: a routing object whose HubPorts are the elements participants connect to and from. */
import { MediaObject } from './media-object.ts';
import type { MediaPipeline } from './media-pipeline.ts';
import type { HubPort } from './hub-port.ts';

export class Hub extends MediaObject {
  constructor(
    type: string,
    private readonly owner: MediaPipeline,
    params: Record<string, unknown> = {},
  ) {
    super(type, owner, `${owner.id}/`, params);
  }

  get pipeline(): MediaPipeline {
    return this.owner;
  }

  /** The hub's ports, in the order they were created. */
  get ports(): HubPort[] {
    return this.children as HubPort[];
  }

  /** Hooks for hub implementations (grid re-layout, mixing) as ports come and go. */
  portAdded(_port: HubPort): void {}
  portRemoved(_port: HubPort): void {}

  protected override onRelease(): void {
    this.owner.forget(this);
  }
}
