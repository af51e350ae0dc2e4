/**
 * The data channels of one WebRtcEndpoint: Kurento's DataChannelOpened/Closed events, and the
 * DATA media type between elements — a message received on a channel goes to every element
 * connected for DATA, which sends it on its own channel of the same label (opening one when it
 * has none yet, keeping a few messages until it opens).
 */
import type { RTCDataChannel } from 'werift';

export interface DataChannelOwner {
  emitEvent(type: string, fields: Record<string, unknown>): void;
  /** A message arrived on a channel: hand it to the DATA sinks. */
  forward(label: string, data: string | Buffer): void;
  /** Opens a channel to the peer with that label (undefined when the session has none). */
  open(label: string): RTCDataChannel | undefined;
}

const MAX_WAITING = 100;

export class DataChannelSet {
  private readonly channels = new Map<RTCDataChannel, { announced: boolean; waiting: (string | Buffer)[] }>();

  constructor(private readonly owner: DataChannelOwner) {}

  /** Tracks a channel (opened by the peer or by us) until it closes. */
  add(channel: RTCDataChannel): void {
    const entry = { announced: false, waiting: [] as (string | Buffer)[] };
    this.channels.set(channel, entry);
    const opened = (): void => {
      if (entry.announced) return;
      entry.announced = true;
      this.owner.emitEvent('DataChannelOpened', { channelId: channel.id });
      for (const message of entry.waiting.splice(0)) channel.send(message);
    };
    channel.stateChanged.subscribe((state) => {
      if (state === 'open') opened();
      if (state === 'closed') {
        this.channels.delete(channel);
        if (entry.announced) this.owner.emitEvent('DataChannelClosed', { channelId: channel.id });
      }
    });
    channel.onMessage.subscribe((data) => this.owner.forward(channel.label, data));
    if (channel.readyState === 'open') opened();
  }

  /** Sends on the open channel with this label, opening one if needed. */
  send(label: string, data: string | Buffer): void {
    let target = [...this.channels.keys()].find((c) => c.label === label && c.readyState !== 'closed' && c.readyState !== 'closing');
    if (!target) {
      target = this.owner.open(label);
      if (!target) return;
      this.add(target);
    }
    if (target.readyState === 'open') target.send(data);
    else {
      const waiting = this.channels.get(target)!.waiting;
      if (waiting.length < MAX_WAITING) waiting.push(data);
    }
  }

  byId(id: number): RTCDataChannel | undefined {
    return [...this.channels.keys()].find((c) => c.id === id);
  }

  ids(): number[] {
    return [...this.channels.keys()].map((c) => c.id);
  }
}
