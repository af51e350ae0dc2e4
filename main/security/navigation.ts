import { isAppUrl } from '../app-origin.ts';

/**
 * The window only ever shows our own page: in-page navigations (hash, same document) stay on
 * fluo://app; everything else (links, drag-dropped files, redirects) is refused.
 */
export function isNavigationAllowed(targetUrl: string): boolean {
  return isAppUrl(targetUrl);
}

/** window.open and target=_blank never create windows. */
export function windowOpenAction(): { action: 'deny' } {
  return { action: 'deny' };
}
