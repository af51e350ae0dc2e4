/**
 * What a PlayerEndpoint URI means to FFmpeg: a local path (checked first, so a missing file
 * is reported as such) or a network URL with timeouts, so a dead server fails instead of
 * hanging.
 */
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface PlayerInput {
  url: string;
  options?: Record<string, string>;
  /** For messages: the path or URL as the user gave it. */
  label: string;
}

/** Network reads give up after this long without data. */
const NETWORK_TIMEOUT_US = '5000000';

export class PlayerUriError extends Error {
  constructor(
    message: string,
    readonly notFound = false,
  ) {
    super(message);
  }
}

export async function playerInput(uri: string): Promise<PlayerInput> {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new PlayerUriError(`'${uri}' is not a URI (expected file:///path, http(s)://... or rtsp://...)`);
  }
  switch (url.protocol) {
    case 'file:': {
      const path = fileURLToPath(url);
      const info = await stat(path).catch(() => undefined);
      if (!info) throw new PlayerUriError(`file not found: ${path}`, true);
      if (!info.isFile()) throw new PlayerUriError(`not a file: ${path}`, true);
      return { url: path, label: path };
    }
    case 'http:':
    case 'https:':
      return { url: uri, label: uri, options: { rw_timeout: NETWORK_TIMEOUT_US, reconnect: '0' } };
    case 'rtsp:':
    case 'rtsps:':
      return { url: uri, label: uri, options: { rtsp_transport: 'tcp', timeout: NETWORK_TIMEOUT_US } };
    default:
      throw new PlayerUriError(`unsupported URI scheme '${url.protocol}' in ${uri} (use file://, http(s):// or rtsp://)`);
  }
}
