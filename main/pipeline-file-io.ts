import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OpenedPipelineFile } from './desktop-api.ts';

/** Pipeline documents are small; anything bigger is not one (and must not be loaded into the page). */
export const MAX_PIPELINE_FILE_BYTES = 20 * 1024 * 1024;

/** Reads a pipeline JSON file for the page. The page validates its content through the RPC import. */
export async function readPipelineFile(file: string): Promise<OpenedPipelineFile> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot open ${file}: ${error.code ?? error.message}`);
  });
  if (!info.isFile()) throw new Error(`cannot open ${file}: not a file`);
  if (info.size > MAX_PIPELINE_FILE_BYTES) {
    throw new Error(`cannot open ${file}: ${info.size} bytes is larger than a pipeline file can be (${MAX_PIPELINE_FILE_BYTES})`);
  }
  return { path: file, name: path.basename(file), text: await readFile(file, 'utf8') };
}

/** Writes exported JSON, adding the .fluo.json suffix when the person typed a bare name. */
export async function writePipelineFile(file: string, text: string): Promise<string> {
  const target = /\.json$/i.test(file) ? file : `${file}.fluo.json`;
  await writeFile(target, text, 'utf8');
  return target;
}

export const PIPELINE_FILE_FILTERS = [
  { name: 'Fluo pipeline', extensions: ['fluo.json', 'json'] },
  { name: 'All files', extensions: ['*'] },
];
