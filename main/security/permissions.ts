import { APP_ORIGIN, originOf } from '../app-origin.ts';

/** What a permission request or check carries that matters to the decision. */
export interface PermissionQuery {
  permission: string;
  /** The requesting frame's URL (request handler: details.requestingUrl) or origin (check handler). */
  requestingUrl: string | undefined;
  /** Chromium's security origin for media requests, when it gives one. */
  securityOrigin?: string | undefined;
  isMainFrame: boolean;
  /** For 'media': which devices ('audio' = microphone, 'video' = camera). */
  mediaTypes?: readonly string[] | undefined;
}

/**
 * Fluo asks for exactly one thing: camera and microphone, from its own top-level page. Every other
 * permission (geolocation, notifications, screen capture, clipboard, USB...) and every request from
 * another origin or a sub-frame is denied.
 */
export function isPermissionGranted(query: PermissionQuery): boolean {
  if (query.permission !== 'media') return false;
  if (!query.isMainFrame) return false;
  if (originOf(query.requestingUrl) !== APP_ORIGIN) return false;
  if (query.securityOrigin !== undefined && originOf(query.securityOrigin) !== APP_ORIGIN) return false;
  const types = query.mediaTypes ?? [];
  return types.every((type) => type === 'audio' || type === 'video' || type === 'unknown');
}
