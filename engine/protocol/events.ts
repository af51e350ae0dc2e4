/** An engine event as the `onEvent` notification Kurento sends (PROTOCOL.md §6). */
import { eventFields, type MediaEvent } from '../index.ts';
import { onEventNotification } from './wire.ts';
import { toWire } from './wire-values.ts';

export function eventNotificationText(objectId: string, subscribedType: string, event: MediaEvent): string {
  const types = new Map(eventFields(subscribedType).map((f) => [f.name, f.type]));
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) data[key] = toWire(types.get(key), value);
  return JSON.stringify(onEventNotification({ data, object: objectId, type: subscribedType }));
}
