/** `fluo validate FILE`: checks a pipeline document and lists every problem. */
import { readDocument } from '../../document/validate.ts';
import { EXIT, type CliCommand } from '../command.ts';
import { displayName, readInput } from '../files.ts';
import { reportProblems } from '../problems.ts';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check a pipeline document and list every problem',
  usage: 'FILE',
  description:
    'Reads a pipeline JSON document (FILE, or - for standard input) and checks it against the element catalog:\n' +
    'JSON syntax, element types, params and properties, connections, pads, media types, loops and hub rules.\n' +
    'Prints every problem on stderr, one per line as `path (line:col): message`.\n' +
    'Exit status: 0 valid, 1 invalid or unreadable, 2 usage error.',
  options: [],
  positionals: { min: 1, max: 1 },
  async run({ args, io }) {
    const file = args.positionals[0]!;
    const { document, problems } = readDocument(readInput(file, io));
    if (!document) {
      reportProblems(file, problems, io);
      return EXIT.failed;
    }
    const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
    io.stdout(`${displayName(file)}: valid pipeline document "${document.metadata.name}" (${count(document.elements.length, 'element')}, ${count(document.connections.length, 'connection')})\n`);
    return EXIT.ok;
  },
};
