/**
 * Content-Security-Policy for the desktop renderer, sent as a response header by the fluo://
 * protocol handler (main/app-protocol.ts). Scripts only from our own bundle; no remote origins.
 * RPC travels over a MessagePort, so connect-src needs no WebSocket. Previews play from blob: and
 * mediastream: URLs (MediaSource buffers, camera and WebRTC streams).
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  // No 'unsafe-inline' even for styles: React and React Flow set styles through the CSSOM, which CSP
  // does not govern (e2e/desktop/desktop-page.test.ts runs the editor under this policy).
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'media-src': ["'self'", 'blob:', 'mediastream:'],
  'connect-src': ["'self'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'child-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export function contentSecurityPolicy(directives = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Parses a CSP header back into directives (used by tests and by the protocol handler's check). */
export function parseContentSecurityPolicy(policy: string): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) parsed.set(name.toLowerCase(), sources);
  }
  return parsed;
}
