import { copyFileSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GraphStore, StoreError } from './graph-store.ts';
import { LATEST_SCHEMA_VERSION } from './migrations.ts';
import { sampleDocument } from './testing/documents.ts';
import { useTempStores } from './testing/temp-store.ts';

const temp = useTempStores();

/** Opens path expecting a StoreError; also checks that nothing was added beside the file (no -wal or -shm). */
function openError(path: string): StoreError {
  const filesBefore = readdirSync(dirname(path)).sort();
  try {
    GraphStore.open({ path }).close();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    expect(readdirSync(dirname(path)).sort()).toEqual(filesBefore);
    return error as StoreError;
  }
  throw new Error(`expected GraphStore.open(${path}) to fail`);
}

/** A real store file with enough graphs that it spans many pages; closed cleanly, so everything is in the main file. */
function writeRealStore(path: string): void {
  const store = GraphStore.open({ path });
  for (let i = 0; i < 30; i++) store.createGraph(`graph ${i}`, sampleDocument(`g${i}`, 40));
  store.close();
}

describe('opening', () => {
  it('creates the file in WAL mode at the latest schema version', () => {
    const store = temp.open();
    store.createGraph('g', {});
    const db = new Database(store.path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database from a newer Fluo with TOO_NEW, naming the file and both versions, and leaves it untouched', () => {
    const path = temp.file('future.sqlite');
    writeRealStore(path);
    const db = new Database(path);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const before = readFileSync(path);

    const error = openError(path);
    expect(error.code).toBe('TOO_NEW');
    expect(error.message).toContain(path);
    expect(error.message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 5}`);
    expect(error.message).toContain(`only knows up to ${LATEST_SCHEMA_VERSION}`);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a newer database left by a killed writer (its last commits only in the -wal) without checkpointing it', () => {
    const live = temp.file('live.sqlite');
    writeRealStore(live);
    const writer = new Database(live);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    // Copy the files as a SIGKILL would leave them: the version bump is committed in the -wal, not in the main file.
    const path = temp.file('crashed.sqlite');
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(live + suffix, path + suffix);
    writer.close();
    const main = readFileSync(path);
    const wal = readFileSync(`${path}-wal`);
    expect(wal.length).toBeGreaterThan(0);

    const error = openError(path);
    expect(error.code).toBe('TOO_NEW');
    expect(error.message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 1}`);
    expect(readFileSync(path).equals(main)).toBe(true);
    expect(readFileSync(`${path}-wal`).equals(wal)).toBe(true);
  });

  it('refuses a file that is not a SQLite database with CORRUPT and leaves it untouched', () => {
    const path = temp.file('garbage.sqlite');
    const garbage = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256));
    writeFileSync(path, garbage);

    const error = openError(path);
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toContain(`${path} is not a SQLite database`);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it('refuses a short text file with CORRUPT', () => {
    const path = temp.file('notes.sqlite');
    writeFileSync(path, 'hello');
    expect(openError(path).code).toBe('CORRUPT');
    expect(readFileSync(path, 'utf8')).toBe('hello');
  });

  it('refuses a truncated real database with CORRUPT and leaves it untouched', () => {
    const path = temp.file('truncated.sqlite');
    writeRealStore(path);
    const full = readFileSync(path);
    expect(full.length).toBeGreaterThan(64 * 1024);
    truncateSync(path, Math.floor(full.length / 2));
    const before = readFileSync(path);

    const error = openError(path);
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toContain(path);
    expect(error.message).toContain('damaged');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a database whose pages were overwritten, found by quick_check', () => {
    const path = temp.file('scribbled.sqlite');
    writeRealStore(path);
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the b-tree header of page 2 (the root of the first table), keeping the file's size and header intact.
    bytes.fill(0xa5, pageSize, pageSize + 64);
    writeFileSync(path, bytes);

    const error = openError(path);
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toContain(path);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuses a database that reads fine but fails quick_check, quoting what quick_check found', () => {
    const path = temp.file('freelist.sqlite');
    writeRealStore(path);
    const bytes = readFileSync(path);
    bytes.writeUInt32BE(bytes.readUInt32BE(36) + 7, 36); // the header's free-page count no longer matches the free list
    writeFileSync(path, bytes);

    const error = openError(path);
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toMatch(/damaged \(quick_check: Freelist: size is \d+ but should be \d+\)/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('opens an empty file as a new store', () => {
    const path = temp.file('empty.sqlite');
    writeFileSync(path, '');
    const store = temp.open({ path });
    store.createGraph('g', {});
    expect(store.listGraphs()).toHaveLength(1);
  });
});
