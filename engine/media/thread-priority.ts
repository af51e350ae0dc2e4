/**
 * Keeps the event loop ahead of per-frame work on a busy machine: codec, demux and mux calls run
 * on libuv's pool threads, which compete for the same cores as the thread that answers control
 * messages. On Linux a thread's nice value is its own, so the pool threads (every thread of the
 * process except the main one) are lowered; the event loop then wins the CPU when it wakes.
 * Elsewhere this does nothing.
 */
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

const BACKGROUND_NICE = 10;
const lowered = new Set<number>();

/** Lowers the priority of every thread but the main one (new ones too, on later calls). */
export function prioritizeEventLoop(): void {
  if (process.platform !== 'linux') return;
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const name of tids) {
    const tid = Number(name);
    if (tid === process.pid || lowered.has(tid)) continue;
    lowered.add(tid);
    try {
      // Only ever lower: a thread already below (an analysis worker at nice 19) stays there.
      if (getPriority(tid) < BACKGROUND_NICE) setPriority(tid, BACKGROUND_NICE);
    } catch {
      // Not permitted or already gone: the thread keeps its priority.
    }
  }
}
