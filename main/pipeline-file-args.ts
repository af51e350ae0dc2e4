import path from 'node:path';

export const PIPELINE_FILE_SUFFIX = '.fluo.json';

/**
 * The pipeline file a launch asks to open: the first argument ending in .fluo.json, made absolute
 * against the launching shell's directory (a second launch passes its own cwd). Flags (--x) and
 * Electron's own arguments are ignored.
 */
export function pipelineFileFromArgv(argv: readonly string[], cwd: string): string | undefined {
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    if (arg.toLowerCase().endsWith(PIPELINE_FILE_SUFFIX)) return path.resolve(cwd, arg);
  }
  return undefined;
}
