/**
 * Who may talk to a loopback server: the request must come from this machine, name this
 * server in its Host header (no DNS rebinding), carry the per-launch token, and, when a
 * browser sends an Origin, come from a page this server served.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a request is refused, or undefined when it may proceed. */
export function refusal(request: IncomingMessage, options: { port: number; token: string; requireToken: boolean }): string | undefined {
  const address = request.socket.remoteAddress ?? '';
  if (!LOOPBACK_ADDRESSES.has(address)) return `connections from ${address || 'an unknown address'} are not accepted (loopback only)`;
  const hosts = loopbackHosts(options.port);
  const host = request.headers.host ?? '';
  if (!hosts.includes(host)) return `unexpected Host '${host}'`;
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) return `Origin '${origin}' is not allowed`;
  if (options.requireToken) {
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (!tokenMatches(url.searchParams.get('token'), options.token)) return 'missing or wrong token';
  }
  return undefined;
}
