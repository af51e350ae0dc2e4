/** Every SQL statement the store runs, prepared once per connection. */
import type { Db } from './database.ts';

export interface GraphRow {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface RevisionRow {
  revision: number;
  document: string;
  created_at: string;
  message: string | null;
}

export interface GraphSummaryRow extends GraphRow {
  revision: number;
  revision_count: number;
}

export function prepareStatements(db: Db) {
  return {
    graphById: db.prepare<[string], GraphRow>('SELECT id, name, created_at, updated_at FROM graphs WHERE id = ?'),
    graphByName: db.prepare<[string], GraphRow>('SELECT id, name, created_at, updated_at FROM graphs WHERE name = ?'),
    listGraphs: db.prepare<[], GraphSummaryRow>(`
      SELECT g.id, g.name, g.created_at, g.updated_at,
             max(r.revision) AS revision, count(r.revision) AS revision_count
      FROM graphs g JOIN revisions r ON r.graph_id = g.id
      GROUP BY g.id
      ORDER BY g.name COLLATE NOCASE, g.name`),
    insertGraph: db.prepare<[string, string, string, string]>(
      'INSERT INTO graphs (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)',
    ),
    touchGraph: db.prepare<[string, string]>('UPDATE graphs SET updated_at = ? WHERE id = ?'),
    renameGraph: db.prepare<[string, string, string]>('UPDATE graphs SET name = ?, updated_at = ? WHERE id = ?'),
    deleteGraph: db.prepare<[string]>('DELETE FROM graphs WHERE id = ?'),
    latestRevisionNumber: db.prepare<[string], { revision: number | null }>(
      'SELECT max(revision) AS revision FROM revisions WHERE graph_id = ?',
    ),
    insertRevision: db.prepare<[string, number, string, string, string | null, number]>(
      'INSERT INTO revisions (graph_id, revision, document, created_at, message, bytes) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    revision: db.prepare<[string, number], RevisionRow>(
      'SELECT revision, document, created_at, message FROM revisions WHERE graph_id = ? AND revision = ?',
    ),
    latestRevision: db.prepare<[string], RevisionRow>(
      'SELECT revision, document, created_at, message FROM revisions WHERE graph_id = ? ORDER BY revision DESC LIMIT 1',
    ),
    listRevisions: db.prepare<[string], { revision: number; created_at: string; message: string | null; bytes: number }>(
      'SELECT revision, created_at, message, bytes FROM revisions WHERE graph_id = ? ORDER BY revision DESC',
    ),
    listTemplates: db.prepare<[], { name: string; description: string }>(
      'SELECT name, description FROM templates ORDER BY position, name',
    ),
    template: db.prepare<[string], { name: string; description: string; document: string }>(
      'SELECT name, description, document FROM templates WHERE name = ?',
    ),
    insertTemplate: db.prepare<[string, string, string, number]>(
      'INSERT INTO templates (name, description, document, position) VALUES (?, ?, ?, ?)',
    ),
    upsertDraft: db.prepare<[string, string, string]>(
      `INSERT INTO drafts (key, document, saved_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET document = excluded.document, saved_at = excluded.saved_at`,
    ),
    draft: db.prepare<[string], { document: string; saved_at: string }>('SELECT document, saved_at FROM drafts WHERE key = ?'),
    deleteDraft: db.prepare<[string]>('DELETE FROM drafts WHERE key = ?'),
    meta: db.prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?'),
    insertMeta: db.prepare<[string, string]>('INSERT INTO store_meta (key, value) VALUES (?, ?)'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
