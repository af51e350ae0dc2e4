// The renderer is served from a privileged custom scheme, never from file:// (Electron security
// checklist item 18): it gives the page a real origin to check permissions, navigation and IPC against.
export const APP_SCHEME = 'fluo';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The origin of a URL as Chromium sees it. Node's URL returns "null" for schemes it does not
 * know as special, but Chromium gives registered standard schemes (ours) a scheme://host origin.
 */
export function originOf(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return `${parsed.protocol}//${parsed.host}`;
  return parsed.origin === 'null' ? undefined : parsed.origin;
}

/** True when the URL belongs to our own page (same scheme and host, any path). */
export function isAppUrl(url: string | undefined): boolean {
  return originOf(url) === APP_ORIGIN;
}
