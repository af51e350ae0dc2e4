/**
 * Where a RecorderEndpoint may write: exactly the file its `file://` URI names, inside the
 * folder the URI names. '..' segments are refused outright (before any normalisation could
 * hide them), and so is a file that is a symbolic link (it would write wherever it points).
 */
import { lstat, access } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, isAbsolute, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MediaError } from '../errors.ts';

export interface RecordingTarget {
  path: string;
  folder: string;
}

/** Parses and checks the URI's shape; throws a MediaError saying what is wrong. */
export function recordingTarget(uri: string): RecordingTarget {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new MediaError('MARSHALL_ERROR', `RecorderEndpoint: '${uri}' is not a URI (expected file:///folder/name.webm)`);
  }
  if (url.protocol !== 'file:') {
    throw new MediaError('MARSHALL_ERROR', `RecorderEndpoint: only file:// URIs can be recorded to, not '${url.protocol}' (${uri})`);
  }
  // URL parsing resolves '..' away and makes 'file:x' absolute, so look at the raw text.
  const raw = /^file:\/\/(localhost)?(\/.*)$/i.exec(uri);
  if (!raw) throw new MediaError('MARSHALL_ERROR', `RecorderEndpoint: '${uri}' does not name a file by an absolute path (file:///folder/name)`);
  const rawPath = raw[2] ?? '';
  const segments = decodeURIComponent(rawPath).split(/[\\/]/);
  if (segments.includes('..') || segments.includes('.')) {
    throw new MediaError('MARSHALL_ERROR', `RecorderEndpoint: '${uri}' contains '..' or '.' path segments; name the folder directly`);
  }
  const path = fileURLToPath(url);
  if (!isAbsolute(path) || normalize(path) !== path || path.endsWith('/')) {
    throw new MediaError('MARSHALL_ERROR', `RecorderEndpoint: '${uri}' does not name a file by an absolute path`);
  }
  return { path, folder: dirname(path) };
}

/** Checks, just before writing, that the file is writable and is not a link leading elsewhere. */
export async function checkWritable(target: RecordingTarget): Promise<void> {
  try {
    await access(target.folder, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new Error(`cannot write into folder ${target.folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const existing = await lstat(target.path).catch(() => undefined);
  if (existing?.isSymbolicLink()) {
    throw new Error(`refusing to record to ${target.path}: it is a symbolic link and would write outside ${target.folder}`);
  }
  if (existing && !existing.isFile()) throw new Error(`cannot record to ${target.path}: it is not a regular file`);
}
