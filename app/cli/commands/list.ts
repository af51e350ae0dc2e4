/** `fluo list`: the saved graphs. */
import { EXIT, type CliCommand } from '../command.ts';
import { table } from '../table.ts';

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'List saved graphs',
  usage: '[--json]',
  description: 'Lists the saved graphs by name: latest revision, number of revisions, last change and id.',
  options: [{ name: 'json', type: 'boolean', description: 'Print the list as JSON' }],
  positionals: { min: 0, max: 0 },
  usesStore: true,
  async run({ args, io, store }) {
    const graphs = store().listGraphs();
    if (args.options.json) {
      io.stdout(`${JSON.stringify(graphs, null, 2)}\n`);
    } else if (graphs.length === 0) {
      io.stdout('No saved graphs yet. Import one with: fluo import FILE\n');
    } else {
      const rows = graphs.map((g) => [g.name, String(g.revision), String(g.revisionCount), g.updatedAt, g.id]);
      io.stdout(table(['NAME', 'REVISION', 'REVISIONS', 'UPDATED', 'ID'], rows));
    }
    return EXIT.ok;
  },
};
