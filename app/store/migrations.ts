/**
 * The schema, as numbered steps. A database's step is kept in `PRAGMA user_version`; opening runs every later
 * step, each in its own transaction. Append new steps; never edit or reorder a released one.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'graphs, revisions, templates, drafts',
    up(db) {
      db.exec(`
        CREATE TABLE graphs (
          id TEXT PRIMARY KEY NOT NULL,
          name TEXT NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        -- Revisions are append-only; a graph's latest revision is its highest number.
        CREATE TABLE revisions (
          graph_id TEXT NOT NULL REFERENCES graphs(id) ON DELETE CASCADE,
          revision INTEGER NOT NULL CHECK (revision > 0),
          document TEXT NOT NULL CHECK (json_valid(document)),
          created_at TEXT NOT NULL,
          message TEXT,
          PRIMARY KEY (graph_id, revision)
        );
        -- position keeps the order the templates were seeded in (a "Blank" template can come first).
        CREATE TABLE templates (
          name TEXT PRIMARY KEY NOT NULL,
          description TEXT NOT NULL,
          document TEXT NOT NULL CHECK (json_valid(document)),
          position INTEGER NOT NULL
        );
        -- Autosaved, not-yet-saved editor state, one per key (e.g. per open editor tab).
        CREATE TABLE drafts (
          key TEXT PRIMARY KEY NOT NULL,
          document TEXT NOT NULL CHECK (json_valid(document)),
          saved_at TEXT NOT NULL
        );
        -- Facts about the database itself, e.g. when its templates were seeded.
        CREATE TABLE store_meta (
          key TEXT PRIMARY KEY NOT NULL,
          value TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    name: 'revision sizes',
    // Listing revisions shows each one's size; keeping it in a column spares reading every document to measure it.
    up(db) {
      db.exec(`
        ALTER TABLE revisions ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
        UPDATE revisions SET bytes = length(CAST(document AS BLOB));
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
