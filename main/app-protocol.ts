// Serves the built editor (renderer/dist) on fluo://app/ with the CSP header. No 'electron' import:
// main passes createAppRequestHandler(...) to protocol.handle, and tests call it with plain Requests.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';
import { contentSecurityPolicy } from './security/csp.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

/** Maps fluo://app/<path> to a file under root; undefined for other hosts and for paths escaping root. */
export function resolveAppFile(url: string, root: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  if (relative.includes('\0')) return undefined;
  const absoluteRoot = path.resolve(root);
  const file = path.resolve(absoluteRoot, `.${relative}`);
  if (file !== absoluteRoot && !file.startsWith(absoluteRoot + path.sep)) return undefined;
  return file;
}

export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': contentSecurityPolicy(),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
}

// No inline style or script: the CSP refuses them on this page too.
const MISSING_EDITOR_PAGE = `<!doctype html><meta charset="utf-8"><title>Fluo</title>
<h1>Fluo</h1><p>The editor has not been built yet. Run <code>npm start</code> (it builds the editor) and reopen Fluo.</p>`;

export function createAppRequestHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405 });
    }
    const file = resolveAppFile(request.url, root);
    if (file === undefined) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: appResponseHeaders(file) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && path.basename(file) === 'index.html') {
        return new Response(MISSING_EDITOR_PAGE, { status: 200, headers: appResponseHeaders(file) });
      }
      return new Response(`cannot read ${path.relative(root, file)}: ${code ?? String(error)}`, {
        status: code === 'ENOENT' || code === 'EISDIR' ? 404 : 500,
      });
    }
  };
}
