/** `fluo templates [NAME]`: the templates new graphs can start from, or one of them as JSON. */
import { serializeDocument } from '../../document/serialize.ts';
import { EXIT, type CliCommand } from '../command.ts';
import { writeOutput } from '../files.ts';
import { table } from '../table.ts';

export const templatesCommand: CliCommand = {
  name: 'templates',
  summary: 'List the graph templates, or print one as a pipeline document',
  usage: '[NAME] [-o FILE] [--json]',
  description:
    'Without NAME, lists the templates (Hello World loopback, Magic Mirror, ...) with their descriptions.\n' +
    'With NAME, prints that template as pipeline JSON, ready for editing and `fluo import`.',
  options: [
    { name: 'output', short: 'o', type: 'string', value: 'FILE', description: 'With NAME: write to FILE instead of standard output' },
    { name: 'json', type: 'boolean', description: 'Without NAME: print the list as JSON' },
  ],
  positionals: { min: 0, max: 1 },
  usesStore: true,
  async run({ args, io, store }) {
    const name = args.positionals[0];
    if (name !== undefined) {
      const text = serializeDocument(store().getTemplate(name).document);
      if (typeof args.options.output === 'string') writeOutput(args.options.output, text, io);
      else io.stdout(text);
      return EXIT.ok;
    }
    const templates = store().listTemplates();
    if (args.options.json) io.stdout(`${JSON.stringify(templates, null, 2)}\n`);
    else io.stdout(table(['NAME', 'DESCRIPTION'], templates.map((t) => [t.name, t.description])));
    return EXIT.ok;
  },
};
