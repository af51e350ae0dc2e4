/**
 * The `fluo` command line: finds the subcommand, parses its options (node:util parseArgs, from
 * the command's declaration), prints help, opens and closes the store, and maps outcomes to
 * exit codes: 0 ok, 1 invalid input or failed operation, 2 usage error. Errors go to stderr.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { suggest } from '../../engine/catalog/values.ts';
import { defaultDatabasePath } from '../store/location.ts';
import { GraphStore, StoreError } from '../store/graph-store.ts';
import { builtinTemplates } from '../templates/index.ts';
import { CommandFailure, EXIT, UsageError, type CliCommand, type CliIo, type CommandArgs, type OptionSpec } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { commandHelp, DB_OPTION, HELP_OPTION, mainHelp } from './help.ts';

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    readStdin: () => readFileSync(0, 'utf8'),
  };
}

export async function main(argv: string[], io: CliIo = processIo(), commands: CliCommand[] = COMMANDS): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(mainHelp(commands));
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : commands.find((c) => c.name === topic);
    if (topic !== undefined && !command) return usage(`unknown command '${topic}'${suggest(topic, commands.map((c) => c.name))}`, io);
    io.stdout(command ? commandHelp(command, optionsOf(command)) : mainHelp(commands));
    return EXIT.ok;
  }
  if (first === '--version') {
    io.stdout(`fluo ${version()}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) return usage(`unknown command '${first}'${suggest(first, commands.map((c) => c.name))}`, io);
  return runCommand(command, rest, io);
}

async function runCommand(command: CliCommand, argv: string[], io: CliIo): Promise<number> {
  const options = optionsOf(command);
  let args: CommandArgs;
  try {
    args = parse(command, options, argv);
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message, io, command);
    throw error;
  }
  if (args.options.help) {
    io.stdout(commandHelp(command, options));
    return EXIT.ok;
  }
  let store: GraphStore | undefined;
  const openStore = (): GraphStore => {
    const path = typeof args.options.db === 'string' ? args.options.db : defaultDatabasePath(io.env);
    store ??= GraphStore.open({ path, templates: builtinTemplates() });
    return store;
  };
  try {
    return await command.run({ args, io, store: openStore });
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message, io, command);
    if (error instanceof CommandFailure || error instanceof StoreError) {
      io.stderr(`fluo ${command.name}: ${error.message}\n`);
      return EXIT.failed;
    }
    io.stderr(`fluo ${command.name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  } finally {
    store?.close();
  }
}

function optionsOf(command: CliCommand): OptionSpec[] {
  return [...command.options, ...(command.usesStore ? [DB_OPTION] : []), HELP_OPTION];
}

function parse(command: CliCommand, options: OptionSpec[], argv: string[]): CommandArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(options.map((o) => [o.name, o.short ? { type: o.type, short: o.short } : { type: o.type }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs explains the problem well ("Unknown option '--x'"); drop its advice about '--'.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const args: CommandArgs = { positionals: parsed.positionals, options: parsed.values as CommandArgs['options'] };
  if (args.options.help) return args;
  const { min, max } = command.positionals;
  if (args.positionals.length < min) throw new UsageError(`missing ${command.usage.split(' ')[args.positionals.length] ?? 'argument'}`);
  if (args.positionals.length > max) throw new UsageError(`unexpected argument '${args.positionals[max]}'`);
  return args;
}

function usage(message: string, io: CliIo, command?: CliCommand): number {
  const help = command ? `fluo ${command.name} --help` : 'fluo --help';
  io.stderr(`fluo${command ? ` ${command.name}` : ''}: ${message}\nUsage: fluo ${command ? `${command.name} ${command.usage}` : 'COMMAND [options]'}\nMore: ${help}\n`);
  return EXIT.usage;
}

function version(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
