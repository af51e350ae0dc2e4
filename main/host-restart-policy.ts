/**
 * When the engine host dies, main restarts it: at once the first time, then with growing delays,
 * and gives up when it crashed too often in a short time (a crash loop would only burn CPU).
 */
export interface RestartDecision {
  restart: boolean;
  delayMs: number;
}

export const CRASH_WINDOW_MS = 60_000;
export const MAX_CRASHES_IN_WINDOW = 5;

export function decideRestart(crashTimes: readonly number[], now: number): RestartDecision {
  const recent = crashTimes.filter((time) => now - time <= CRASH_WINDOW_MS).length;
  if (recent > MAX_CRASHES_IN_WINDOW) return { restart: false, delayMs: 0 };
  const delayMs = recent <= 1 ? 0 : Math.min(8_000, 500 * 2 ** (recent - 2));
  return { restart: true, delayMs };
}
