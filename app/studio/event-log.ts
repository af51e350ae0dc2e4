/** The studio's event stream: fans events out to listeners and keeps the latest ones for late joiners. */
import type { StudioEvent } from '../rpc/api.ts';

type Body = StudioEvent extends infer E ? (E extends StudioEvent ? Omit<E, 'time'> : never) : never;

export class EventLog {
  private readonly recent: StudioEvent[] = [];
  private readonly listeners = new Set<(event: StudioEvent) => void>();

  constructor(private readonly capacity = 500) {}

  emit(body: Body): StudioEvent {
    const event = { ...body, time: new Date().toISOString() } as StudioEvent;
    this.recent.push(event);
    if (this.recent.length > this.capacity) this.recent.splice(0, this.recent.length - this.capacity);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener (a closed transport) must not silence the others.
      }
    }
    return event;
  }

  latest(limit = this.capacity): StudioEvent[] {
    return this.recent.slice(-limit);
  }

  subscribe(listener: (event: StudioEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
