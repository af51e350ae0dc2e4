/** Reading and writing the files commands name, with errors that say which file and why. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CommandFailure, type CliIo } from './command.ts';

/** How messages name a file argument. */
export function displayName(file: string): string {
  return file === '-' ? 'standard input' : file;
}

/** A document file's text; `-` reads standard input. */
export function readInput(file: string, io: CliIo): string {
  if (file === '-') return io.readStdin();
  try {
    return readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new CommandFailure(`cannot read ${file}: ${reason(error)}`);
  }
}

export function writeOutput(file: string, text: string, io: CliIo): void {
  try {
    writeFileSync(resolve(io.cwd, file), text);
  } catch (error) {
    throw new CommandFailure(`cannot write ${file}: ${reason(error)}`);
  }
}

function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
