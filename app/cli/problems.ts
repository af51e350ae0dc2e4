/** Prints a document's problems, one per line, on stderr: `path (line:col): message`. */
import { formatProblem } from '../document/validate.ts';
import type { DocumentProblem } from '../document/types.ts';
import type { CliIo } from './command.ts';
import { displayName } from './files.ts';

export function reportProblems(file: string, problems: DocumentProblem[], io: CliIo): void {
  for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
  io.stderr(`${displayName(file)}: not a valid pipeline document (${problems.length} problem${problems.length === 1 ? '' : 's'})\n`);
}
