/** Help text for `fluo` and for each command, built from the command declarations. */
import type { CliCommand, OptionSpec } from './command.ts';

export const DB_OPTION: OptionSpec = {
  name: 'db',
  type: 'string',
  value: 'PATH',
  description: 'Graph database file (default: $FLUO_DB, else the Fluo folder in your user data)',
};

export const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' };

export function mainHelp(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'fluo: live media pipelines, Kurento style',
    '',
    'Usage: fluo COMMAND [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     Show help (also: fluo COMMAND --help)',
    '  --version      Show the version',
    '',
    'Exit status: 0 ok, 1 invalid input or failed operation, 2 usage error.',
    '',
  ].join('\n');
}

export function commandHelp(command: CliCommand, options: OptionSpec[]): string {
  const flags = options.map((o) => `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`);
  const width = Math.max(...flags.map((f) => f.length));
  return [
    `Usage: fluo ${command.name}${command.usage ? ` ${command.usage}` : ''}`,
    '',
    `${command.summary}.`,
    '',
    command.description,
    '',
    'Options:',
    ...options.map((o, i) => `  ${flags[i]!.padEnd(width)}  ${o.description}`),
    '',
  ].join('\n');
}
