/** HubPort: a MediaElement that is one participant's attachment to a Hub. */
import { MediaElement } from './media-element.ts';
import type { Hub } from './hub.ts';

export class HubPort extends MediaElement {
  constructor(
    readonly hub: Hub,
    params: Record<string, unknown> = {},
  ) {
    super('HubPort', hub.pipeline, hub, params);
    hub.portAdded(this);
  }

  protected override onRelease(): void {
    super.onRelease();
    this.hub.portRemoved(this);
  }
}
