/** `fluo export NAME|ID [--revision N] [-o FILE]`: a saved graph as canonical pipeline JSON. */
import { serializeDocument } from '../../document/serialize.ts';
import { EXIT, UsageError, type CliCommand } from '../command.ts';
import { writeOutput } from '../files.ts';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Write a saved graph as a pipeline document',
  usage: 'NAME|ID [--revision N] [-o FILE]',
  description:
    'Writes the latest revision of a saved graph (or revision N) as pipeline JSON in Fluo\'s canonical form\n' +
    '(the same bytes the editor exports) to standard output, or to FILE with -o.',
  options: [
    { name: 'revision', type: 'string', value: 'N', description: 'Export revision N instead of the latest' },
    { name: 'output', short: 'o', type: 'string', value: 'FILE', description: 'Write to FILE instead of standard output' },
  ],
  positionals: { min: 1, max: 1 },
  usesStore: true,
  async run({ args, io, store }) {
    const revisionText = args.options.revision;
    let revision: number | undefined;
    if (typeof revisionText === 'string') {
      if (!/^[1-9]\d*$/.test(revisionText)) throw new UsageError(`--revision must be a revision number (1, 2, ...), got '${revisionText}'`);
      revision = Number(revisionText);
    }
    const graph = store().openGraph(args.positionals[0]!, revision);
    const text = serializeDocument(graph.document);
    const output = args.options.output;
    if (typeof output === 'string' && output !== '-') {
      writeOutput(output, text, io);
      io.stderr(`Wrote "${graph.name}" revision ${graph.revision} to ${output}\n`);
    } else {
      io.stdout(text);
    }
    return EXIT.ok;
  },
};
