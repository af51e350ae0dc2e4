/**
 * Options of the Kurento Protocol server and the safety rules applied to them: loopback by
 * default; any other address only with TLS or an explicit insecure opt-out.
 */
import { isIP } from 'node:net';

export interface KurentoServerOptions {
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 8888; 0 picks a free one). */
  port?: number;
  /** WebSocket path (default /kurento). */
  path?: string;
  /** PEM certificate and key: the server speaks wss. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Allows a non-loopback address without TLS. Traffic, including SDP, is then readable on the network. */
  allowInsecureRemote?: boolean;
  /**
   * Browser origins allowed to connect (exact `scheme://host:port`), or '*'. Pages served from
   * loopback are always allowed; clients that send no Origin (non-browser) are not affected.
   */
  allowedOrigins?: string[] | '*';
  /** A text frame larger than this gets an error response (default 2 MiB). */
  maxMessageBytes?: number;
  maxSessions?: number;
  maxObjectsPerSession?: number;
  maxSubscriptionsPerSession?: number;
  maxConnections?: number;
  /** How long a session without a socket keeps its objects (default 240 s, Kurento's collector period). */
  sessionGraceMs?: number;
  /** How long a response answers a retransmitted request (default 20 s; 0 disables). */
  requestCacheMs?: number;
  /** ServerManager.getMetadata. */
  metadata?: string;
}

export type ResolvedOptions = Required<Omit<KurentoServerOptions, 'tls'>> & Pick<KurentoServerOptions, 'tls'>;

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8888,
  path: '/kurento',
  allowInsecureRemote: false,
  allowedOrigins: [] as string[],
  maxMessageBytes: 2 * 1024 * 1024,
  maxSessions: 200,
  maxObjectsPerSession: 1000,
  maxSubscriptionsPerSession: 10_000,
  maxConnections: 200,
  sessionGraceMs: 240_000,
  requestCacheMs: 20_000,
  metadata: '',
};

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

export function resolveOptions(options: KurentoServerOptions): ResolvedOptions {
  const resolved: ResolvedOptions = { ...DEFAULTS, ...stripUndefined(options) };
  if (!isLoopback(resolved.host) && !resolved.tls && !resolved.allowInsecureRemote) {
    throw new Error(
      `Refusing to serve the Kurento Protocol on ${resolved.host} without TLS: give a certificate and key (wss), ` +
        'or opt out explicitly with allowInsecureRemote (anyone on the network could then drive the engine and read SDP)',
    );
  }
  if (!resolved.path.startsWith('/')) throw new Error(`The WebSocket path must start with '/', got '${resolved.path}'`);
  for (const key of ['maxMessageBytes', 'maxSessions', 'maxObjectsPerSession', 'maxSubscriptionsPerSession', 'maxConnections'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] <= 0) throw new Error(`${key} must be a positive integer, got ${resolved[key]}`);
  }
  return resolved;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** May a browser page from this Origin connect? */
export function originAllowed(origin: string | undefined, allowed: string[] | '*'): boolean {
  if (origin === undefined) return true;
  if (allowed === '*') return true;
  if (allowed.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopback(url.hostname);
  } catch {
    return false;
  }
}
