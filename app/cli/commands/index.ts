/**
 * Every `fluo` subcommand. To add one (serve, run, deploy...): write commands/<name>.ts
 * exporting a CliCommand and list it here; main.ts does the rest (options, help, exit codes).
 */
import type { CliCommand } from '../command.ts';
import { deployCommand } from './deploy.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { listCommand } from './list.ts';
import { runCommand } from './run.ts';
import { serveCommand } from './serve.ts';
import { templatesCommand } from './templates.ts';
import { validateCommand } from './validate.ts';

export const COMMANDS: CliCommand[] = [validateCommand, importCommand, exportCommand, listCommand, templatesCommand, serveCommand, runCommand, deployCommand];
