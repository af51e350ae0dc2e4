/**
 * A sink pad's entry point for one media type. The element that owns the sink pad creates it
 * and says which forms it takes; the connected source's outlet picks the cheapest of them.
 */
import type { AvMediaType, Codec, MediaUnit } from './media-unit.ts';

export interface InletAccepts {
  /** Encoded codecs taken as they are, in order of preference; 'any' takes whatever arrives. */
  encoded?: readonly Codec[] | 'any';
  /** Takes decoded frames. */
  raw?: boolean;
}

export interface MediaInlet {
  readonly mediaType: AvMediaType;
  readonly accepts: InletAccepts;
  /** Called on the event loop for every unit; must return quickly (hand heavy work to async calls). */
  receive(unit: MediaUnit): void;
}

/** The link an outlet returns from attach(): calling it detaches; requestKeyframe asks upstream. */
export type InletLink = (() => void) & {
  /** The sink needs a keyframe (a new viewer, a decode error): forces one from the encoder or the source. */
  requestKeyframe(): void;
};

/** An inlet built from a function, for elements and tests. */
export function inlet(mediaType: AvMediaType, accepts: InletAccepts, receive: (unit: MediaUnit) => void): MediaInlet {
  return { mediaType, accepts, receive };
}
