/**
 * `fluo run FILE`: runs a pipeline document headless in this process, as the studio's Run
 * button does (the same RunManager: players play, recorders record), printing the engine's
 * events until Ctrl+C, SIGTERM or --duration; recorders are stopped and their files finished
 * before the pipeline is released.
 */
import type { MediaObject } from '../../../engine/index.ts';
import { readDocument } from '../../document/validate.ts';
import type { StudioEvent } from '../../rpc/api.ts';
import { EventLog } from '../../studio/event-log.ts';
import { RunManager, type Run } from '../../studio/runs.ts';
import { CommandFailure, EXIT, type CliCommand } from '../command.ts';
import { readInput } from '../files.ts';
import { reportProblems } from '../problems.ts';
import { secondsOption, untilStopped } from '../until-stopped.ts';

/** One line per event: time, element, what happened. Element badge changes are shown only for errors. */
function eventLine(event: StudioEvent): string | undefined {
  switch (event.kind) {
    case 'run-state':
      return `${event.time}  run  ${event.state}${event.message ? `: ${event.message}` : ''}`;
    case 'element-state':
      return event.state === 'error' ? `${event.time}  ${event.element}  error: ${event.message ?? ''}` : undefined;
    case 'media-event': {
      // data.type repeats the event name, except for Error where it is the error kind.
      const fields = Object.entries(event.data).filter(([key, value]) => key !== 'type' || value !== event.type).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
      return `${event.time}  ${event.element}  ${event.type}${fields.length > 0 ? `  ${fields.join(' ')}` : ''}`;
    }
    default:
      return undefined;
  }
}

/** Recorders finish their files (trailer written) before the pipeline goes. */
async function stopRecorders(run: Run): Promise<void> {
  const recorders = [...run.objects.values()].filter((o: MediaObject) => o.type === 'RecorderEndpoint');
  await Promise.all(recorders.map((r) => r.invoke('stopAndWait').catch(() => undefined)));
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run a pipeline document headless, printing its events',
  usage: 'FILE [--duration SECONDS] [--json]',
  description:
    'Validates FILE (or - for standard input), builds its pipeline in this process and starts it as the editor\'s\n' +
    'Run button does (PlayerEndpoints play, RecorderEndpoints record). Prints each engine event on its own line\n' +
    '(time, element id, event, fields), or as JSON lines with --json. Stops on Ctrl+C, SIGTERM or after\n' +
    '--duration; recordings are finished before the pipeline is released.\n' +
    'Exit status: 0 ran and stopped cleanly, 1 invalid document or an element failed, 2 usage error.',
  options: [
    { name: 'duration', type: 'string', value: 'SECONDS', description: 'Stop after this many seconds' },
    { name: 'json', type: 'boolean', description: 'Print events as JSON lines' },
  ],
  positionals: { min: 1, max: 1 },
  async run({ args, io }) {
    const durationMs = secondsOption(args.options.duration, 'duration');
    const file = args.positionals[0]!;
    const { document, problems } = readDocument(readInput(file, io));
    if (!document) {
      reportProblems(file, problems, io);
      return EXIT.failed;
    }
    const events = new EventLog(0);
    const failed = new Set<string>();
    events.subscribe((event) => {
      if (event.kind === 'element-state' && event.state === 'error') failed.add(event.element);
      const line = args.options.json ? JSON.stringify(event) : eventLine(event);
      if (line !== undefined) io.stdout(`${line}\n`);
    });
    const runs = new RunManager(events);
    let runId: string;
    try {
      runId = (await runs.start(document, null)).runId;
    } catch (error) {
      throw new CommandFailure(`cannot start "${document.metadata.name}": ${(error as Error).message}`);
    }
    const reason = await untilStopped(durationMs === undefined ? {} : { durationMs });
    if (reason !== 'duration') io.stderr(`${reason}: stopping\n`);
    await stopRecorders(runs.get(runId));
    runs.stop(runId);
    if (failed.size > 0) {
      io.stderr(`fluo run: ${[...failed].join(', ')} reported an error (see above)\n`);
      return EXIT.failed;
    }
    return EXIT.ok;
  },
};
