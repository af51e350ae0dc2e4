/** Test helper: a fresh temp folder per test, and stores opened in it that are closed and deleted afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { GraphStore } from '../graph-store.ts';
import type { StoreOptions } from '../types.ts';

export interface TempStores {
  /** The current test's folder. */
  dir(): string;
  /** A path inside that folder. */
  file(name: string): string;
  /** GraphStore.open, defaulting to <dir>/fluo.sqlite; closed after the test. */
  open(options?: Partial<StoreOptions>): GraphStore;
}

export function useTempStores(): TempStores {
  let dir: string | undefined;
  let opened: GraphStore[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fluo-store-'));
  });
  afterEach(() => {
    for (const store of opened) store.close();
    opened = [];
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const current = (): string => {
    if (!dir) throw new Error('useTempStores: no test is running');
    return dir;
  };
  return {
    dir: current,
    file: (name) => join(current(), name),
    open(options = {}) {
      const store = GraphStore.open({ path: join(current(), 'fluo.sqlite'), ...options });
      opened.push(store);
      return store;
    },
  };
}
