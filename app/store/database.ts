/** Opening the SQLite file safely: refuse damaged or newer files without touching them, then configure and migrate. */
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, toStoreError } from './errors.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations.ts';

export type Db = Database.Database;

const SQLITE_HEADER = 'SQLite format 3\0';
/** How long a write waits for another process (the CLI beside the desktop app) to finish its own. */
const BUSY_TIMEOUT_MS = 5000;

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function tooNew(path: string, version: number): StoreError {
  return new StoreError(
    'TOO_NEW',
    `${path} has schema version ${version}, but this version of Fluo only knows up to ${LATEST_SCHEMA_VERSION}; ` +
      'it was written by a newer Fluo. Update Fluo to open it (the file was not changed).',
  );
}

function readHeader(path: string): Buffer {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    return header.subarray(0, readSync(fd, header, 0, header.length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether to inspect through a read-only connection. With a -wal file present (a writer was killed, or is running),
 * a read-write connection would checkpoint the WAL into the main file when it closes; a read-only one does not.
 * Without one, a read-write connection is the cleaner choice: it only reads, and removes the -wal and -shm files it
 * creates when it closes, where a read-only connection would leave them behind.
 */
function inspectReadOnly(path: string): boolean {
  return existsSync(`${path}-wal`);
}

/**
 * Looks at an existing file without writing to it, so a refused file is left byte for byte as it was, with no
 * files added beside it. Throws CORRUPT or TOO_NEW.
 */
function inspectExistingFile(path: string): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw toStoreError(error, `Cannot read ${path}`);
  }
  if (size === 0) return; // SQLite treats an empty file as a new database
  let header: Buffer;
  try {
    header = readHeader(path);
  } catch (error) {
    throw toStoreError(error, `Cannot read ${path}`);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new StoreError('CORRUPT', `${path} is not a SQLite database (it does not start with the SQLite header); the file was not changed`);
  }
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: inspectReadOnly(path), fileMustExist: true });
    const problems = (db.pragma('quick_check') as { quick_check: string }[]).map((row) =>
      row.quick_check.replace(/^\*\*\* in database \w+ \*\*\*\n/, ''),
    );
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new StoreError('CORRUPT', `${path} is damaged (quick_check: ${problems.slice(0, 3).join('; ')}); the file was not changed`);
    }
    const version = userVersion(db);
    if (version > LATEST_SCHEMA_VERSION) throw tooNew(path, version);
  } catch (error) {
    const storeError = toStoreError(error, `Cannot open ${path}`);
    if (storeError.code === 'CORRUPT' && !(error instanceof StoreError)) {
      throw new StoreError('CORRUPT', `${path} is damaged (${(error as Error).message}); the file was not changed`, { cause: error });
    }
    throw storeError;
  } finally {
    db?.close();
  }
}

/**
 * Runs every migration newer than the database's user_version, each in its own IMMEDIATE transaction together with
 * the user_version bump, so a crash leaves the database at a whole step. The version is re-read inside the
 * transaction: another process opening the same file at the same moment may have migrated it already.
 */
export function migrate(db: Db, path: string, migrations: readonly Migration[] = MIGRATIONS): void {
  for (const migration of migrations) {
    db.transaction(() => {
      const current = userVersion(db);
      if (current > LATEST_SCHEMA_VERSION) throw tooNew(path, current);
      if (current >= migration.version) return;
      if (current !== migration.version - 1) {
        throw new StoreError('CORRUPT', `${path} is at schema version ${current}, which no migration leads from to ${migration.version}`);
      }
      try {
        migration.up(db);
      } catch (error) {
        throw toStoreError(error, `${path}: migration ${migration.version} (${migration.name}) failed`);
      }
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

/**
 * Opens (creating if needed) the store's database with its folder, configured and migrated to the latest schema.
 *
 * Durability: journal_mode=WAL with synchronous=FULL. In WAL mode a commit is complete once its frames are in the
 * -wal file, so even synchronous=NORMAL survives a killed process (the OS still holds the written pages); FULL also
 * fsyncs the WAL at every commit, so a saved revision survives a power cut or OS crash too. Saves are one per user
 * action, so the extra fsync is worth it.
 */
export function openDatabase(path: string): Db {
  const inMemory = path === ':memory:';
  if (!inMemory) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw toStoreError(error, `Cannot create the folder for ${path}`);
    }
    inspectExistingFile(path);
  }
  let db: Db | undefined;
  try {
    db = new Database(path);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, path);
    return db;
  } catch (error) {
    db?.close();
    throw toStoreError(error, `Cannot open ${path}`);
  }
}
