/** `fluo import FILE [--name N]`: validates a document and saves it as a new graph; nothing is saved if invalid. */
import { basename } from 'node:path';
import { readDocument } from '../../document/validate.ts';
import { StoreError } from '../../store/graph-store.ts';
import { CommandFailure, EXIT, type CliCommand } from '../command.ts';
import { displayName, readInput } from '../files.ts';
import { reportProblems } from '../problems.ts';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Validate a pipeline document and save it as a new graph',
  usage: 'FILE [--name N] [--message TEXT]',
  description:
    'Validates FILE (or - for standard input) exactly like `fluo validate`; if it has any problem, they are\n' +
    'printed and nothing is imported. Otherwise the document becomes a new saved graph (revision 1),\n' +
    'named after its metadata.name unless --name says otherwise.',
  options: [
    { name: 'name', type: 'string', value: 'N', description: 'Name of the new graph (also written into metadata.name)' },
    { name: 'message', type: 'string', value: 'TEXT', description: 'Revision message (default: "Imported from FILE")' },
  ],
  positionals: { min: 1, max: 1 },
  usesStore: true,
  async run({ args, io, store }) {
    const file = args.positionals[0]!;
    const { document, problems } = readDocument(readInput(file, io));
    if (!document) {
      reportProblems(file, problems, io);
      io.stderr('Nothing was imported.\n');
      return EXIT.failed;
    }
    const name = typeof args.options.name === 'string' ? args.options.name.trim() : document.metadata.name.trim();
    if (name === '') throw new CommandFailure('--name must not be empty');
    document.metadata.name = name;
    const message = typeof args.options.message === 'string' ? args.options.message : `Imported from ${file === '-' ? displayName(file) : basename(file)}`;
    let saved;
    try {
      saved = store().createGraph(name, document, message);
    } catch (error) {
      if (error instanceof StoreError && error.code === 'NAME_TAKEN') throw new CommandFailure(`${error.message}; choose another name with --name`);
      throw error;
    }
    io.stdout(`Imported "${saved.name}" as graph ${saved.graphId} (revision ${saved.revision})\n`);
    return EXIT.ok;
  },
};
