/**
 * Waiting for the end of a long-running command: SIGINT (Ctrl+C), SIGTERM, a time limit, or
 * something else ending (`until`). The handlers are removed when it resolves, so a second
 * Ctrl+C during clean-up kills the process as usual.
 */
import { UsageError } from './command.ts';

export type StopReason = 'SIGINT' | 'SIGTERM' | 'duration' | 'ended';

export function untilStopped(options: { durationMs?: number; until?: Promise<unknown> } = {}): Promise<StopReason> {
  return new Promise((resolve) => {
    let done = false;
    const stop = (reason: StopReason) => {
      if (done) return;
      done = true;
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      clearTimeout(timer);
      resolve(reason);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const timer = options.durationMs === undefined ? undefined : setTimeout(() => stop('duration'), options.durationMs);
    options.until?.then(
      () => stop('ended'),
      () => stop('ended'),
    );
  });
}

/** A `--name SECONDS` option in milliseconds (undefined when absent); anything but a positive number is a usage error. */
export function secondsOption(value: string | boolean | undefined, name: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--${name} must be a number of seconds above 0, got '${value}'`);
  return seconds * 1000;
}
