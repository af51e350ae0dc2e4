/**
 * The HTTP side of `fluo serve`: the built editor as static files. The page itself needs the
 * per-launch token (`/?token=...`); its assets do not (they hold no data). Every response
 * carries a strict CSP; nothing outside the build folder is ever served.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { loopbackHosts, refusal } from '../rpc/access.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

function contentSecurityPolicy(port: number): string {
  // CSP host sources cannot be IPv6 literals; the page is served on 127.0.0.1 or localhost.
  const sockets = loopbackHosts(port).filter((h) => !h.startsWith('[')).map((h) => `ws://${h}`).join(' ');
  return [
    "default-src 'self'",
    `connect-src 'self' ${sockets}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    // React Flow positions nodes with style attributes.
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function createStudioHttpServer(options: { distDir: string; token: string }): Server {
  const server = createServer((request, response) => {
    void serve(request, response, server, options).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`Internal error: ${(error as Error).message}`);
    });
  });
  return server;
}

async function serve(request: IncomingMessage, response: ServerResponse, server: Server, options: { distDir: string; token: string }): Promise<void> {
  const port = (server.address() as { port: number }).port;
  const headers = {
    'content-security-policy': contentSecurityPolicy(port),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const isPage = url.pathname === '/' || url.pathname === '/index.html';
  const reason = refusal(request, { port, token: options.token, requireToken: isPage });
  if (reason) {
    response.writeHead(403, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    response.end(`Forbidden: ${reason}. Open the URL that \`fluo serve\` printed (it carries the token).\n`);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
    return;
  }
  const relative = isPage ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
  const file = normalize(join(options.distDir, relative));
  if (!file.startsWith(normalize(options.distDir) + sep)) {
    response.writeHead(404, headers).end();
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    response.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not found\n');
    return;
  }
  response.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
  response.end(request.method === 'HEAD' ? undefined : body);
}
