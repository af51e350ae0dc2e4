/**
 * `fluo serve`: the editor in a browser. Builds the editor if its build is missing or stale,
 * serves it and its RPC on 127.0.0.1 with a per-launch token, starts the Kurento Protocol
 * server beside it, prints the URL and opens it unless --no-open. Runs until Ctrl+C.
 */
import { spawn } from 'node:child_process';
import { startKurentoServer, type KurentoServer } from '../../../engine/protocol/server.ts';
import { ensureRendererBuilt } from '../../studio/renderer-build.ts';
import { startStudioServer } from '../../studio/studio-server.ts';
import { CommandFailure, EXIT, UsageError, type CliCommand, type CliIo } from '../command.ts';
import { untilStopped } from '../until-stopped.ts';

function portOption(value: string | boolean | undefined, name: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--${name} must be a port number (0-65535), got '${value}'`);
  return Number(value);
}

/** The platform's "open this URL" command; failures are ignored (the URL is printed anyway). */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser opener on this machine.
  }
}

async function startKurento(port: number | undefined, io: CliIo): Promise<KurentoServer | undefined> {
  try {
    const server = await startKurentoServer({ port: port ?? 8888 });
    io.stdout(`Kurento Protocol server: ${server.url}\n`);
    return server;
  } catch (error) {
    // The editor is still useful without it (e.g. port 8888 taken by a real KMS).
    io.stderr(`Kurento Protocol server not started: ${(error as Error).message} (use --kurento-port N or --no-kurento)\n`);
    return undefined;
  }
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the editor in a browser (and the Kurento Protocol server)',
  usage: '[--port N] [--no-open] [--kurento-port N | --no-kurento]',
  description:
    'Starts the engine and the editor on http://127.0.0.1 with a per-launch token in the URL, prints that URL\n' +
    'and opens it in the default browser. Builds the editor first if needed. The Kurento Protocol server\n' +
    'listens on ws://127.0.0.1:8888/kurento unless --no-kurento. Stops on Ctrl+C.',
  options: [
    { name: 'port', type: 'string', value: 'N', description: 'Port for the editor (default: a free one)' },
    { name: 'no-open', type: 'boolean', description: 'Do not open a browser' },
    { name: 'kurento-port', type: 'string', value: 'N', description: 'Port for the Kurento Protocol server (default 8888)' },
    { name: 'no-kurento', type: 'boolean', description: 'Do not start the Kurento Protocol server' },
  ],
  positionals: { min: 0, max: 0 },
  usesStore: true,
  async run({ args, io, store }) {
    const port = portOption(args.options.port, 'port');
    const kurentoPort = portOption(args.options['kurento-port'], 'kurento-port');
    const distDir = await ensureRendererBuilt({ log: (line) => io.stderr(line) });
    const server = await startStudioServer({ store: store(), distDir, ...(port !== undefined && { port }) }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new CommandFailure(`Port ${port} is already in use: pick another with --port N, or leave --port out for a free one`);
      throw error;
    });
    const kurento = args.options['no-kurento'] === true ? undefined : await startKurento(kurentoPort, io);
    io.stdout(`Fluo editor: ${server.url}\n`);
    if (args.options['no-open'] !== true) openInBrowser(server.url);
    const reason = await untilStopped();
    io.stderr(`\n${reason}: stopping\n`);
    await kurento?.close();
    await server.close();
    return EXIT.ok;
  },
};
