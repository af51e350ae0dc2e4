/** Handle ids and colours: one handle per pad and media type, plus one per pad for "all media". */
import type { MediaType, PadSpec } from '../../../engine/catalog/types.ts';

export type HandleMedia = MediaType | '*';

export const MEDIA_COLORS: Record<HandleMedia, string> = {
  AUDIO: 'var(--media-audio)',
  VIDEO: 'var(--media-video)',
  DATA: 'var(--media-data)',
  '*': 'var(--media-all)',
};

export const MEDIA_LABELS: Record<HandleMedia, string> = { AUDIO: 'audio', VIDEO: 'video', DATA: 'data', '*': 'all' };

export interface HandleSpec {
  id: string;
  pad: string;
  media: HandleMedia;
  /** What the handle carries (for a '*' handle: every type of the pad). */
  carries: MediaType[];
}

export function handleId(pad: string, media: HandleMedia): string {
  return `${pad}|${media}`;
}

export function parseHandle(id: string | null | undefined): { pad: string; media: HandleMedia } {
  const [pad = 'default', media = '*'] = (id ?? 'default|*').split('|');
  return { pad, media: media as HandleMedia };
}

/** A pad's handles: "all" first, then one per media type when it carries more than one. */
export function padHandles(pad: PadSpec): HandleSpec[] {
  const all: HandleSpec = { id: handleId(pad.name, '*'), pad: pad.name, media: '*', carries: pad.mediaTypes };
  if (pad.mediaTypes.length <= 1) return [{ ...all, media: pad.mediaTypes[0] ?? '*' , id: handleId(pad.name, '*') }];
  return [all, ...pad.mediaTypes.map((m) => ({ id: handleId(pad.name, m), pad: pad.name, media: m, carries: [m] }))];
}

/** The handle a connection attaches to on a pad. */
export function handleFor(pads: PadSpec[], padName: string, mediaType: MediaType | undefined): string {
  const pad = pads.find((p) => p.name === padName);
  if (!pad || pad.mediaTypes.length <= 1 || !mediaType) return handleId(padName, '*');
  return handleId(padName, mediaType);
}
