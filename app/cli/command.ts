/**
 * What a `fluo` subcommand is. Each lives in commands/<name>.ts and is listed in
 * commands/index.ts; main.ts parses options from the command's own declaration, prints its
 * help, opens the store when asked, and turns errors into exit codes.
 */
import type { GraphStore } from '../store/graph-store.ts';

/** Exit codes every command shares. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Standard input, read whole (for `-` as a file name). */
  readStdin(): string;
}

export interface OptionSpec {
  name: string;
  short?: string;
  /** 'string' takes a value (`--name N`); 'boolean' is a switch. */
  type: 'string' | 'boolean';
  /** Shown in help, e.g. 'N' for `--revision N`. */
  value?: string;
  description: string;
}

export interface CommandArgs {
  positionals: string[];
  options: Record<string, string | boolean | undefined>;
}

export interface CommandContext {
  args: CommandArgs;
  io: CliIo;
  /** The graph store (--db, FLUO_DB or the platform default), opened on first use, closed after the command. */
  store(): GraphStore;
}

export interface CliCommand {
  name: string;
  /** One line for `fluo --help`. */
  summary: string;
  /** Argument synopsis after the command name, e.g. 'FILE [--name N]'. */
  usage: string;
  /** Longer help text: what it does, what it prints, exit codes where special. */
  description: string;
  options: OptionSpec[];
  /** How many positional arguments the command takes. */
  positionals: { min: number; max: number };
  /** Adds --db PATH and opens the store for the command. */
  usesStore?: boolean;
  run(context: CommandContext): Promise<number>;
}

/** Thrown for a bad command line; main prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {}

/** Thrown for a failed operation whose message is all the user needs; main exits 1. */
export class CommandFailure extends Error {}
