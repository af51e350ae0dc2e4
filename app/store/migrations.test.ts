import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, userVersion } from './database.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations.ts';
import { sampleDocument } from './testing/documents.ts';
import { useTempStores } from './testing/temp-store.ts';

const temp = useTempStores();

describe('migrations', () => {
  it('are numbered 1, 2, 3... in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('upgrade a schema-1 database to the latest, keeping every row', () => {
    const path = temp.file('v1.sqlite');
    const v1 = new Database(path);
    migrate(v1, path, MIGRATIONS.slice(0, 1));
    expect(userVersion(v1)).toBe(1);
    const doc1 = JSON.stringify(sampleDocument('old one'));
    const doc2 = JSON.stringify(sampleDocument('old two', 5));
    v1.exec(`INSERT INTO graphs VALUES ('11111111-1111-4111-8111-111111111111', 'Old graph', '2025-01-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z')`);
    const insertRevision = v1.prepare('INSERT INTO revisions (graph_id, revision, document, created_at, message) VALUES (?, ?, ?, ?, ?)');
    insertRevision.run('11111111-1111-4111-8111-111111111111', 1, doc1, '2025-01-01T00:00:00.000Z', 'first');
    insertRevision.run('11111111-1111-4111-8111-111111111111', 2, doc2, '2025-01-02T00:00:00.000Z', null);
    v1.prepare('INSERT INTO templates VALUES (?, ?, ?, 0)').run('Old template', 'from v1', '{"a":1}');
    v1.prepare('INSERT INTO drafts VALUES (?, ?, ?)').run('tab', '{"draft":true}', '2025-01-03T00:00:00.000Z');
    v1.prepare("INSERT INTO store_meta VALUES ('templates_seeded_at', '2025-01-01T00:00:00.000Z')").run();
    v1.close();

    const store = temp.open({ path, templates: [{ name: 'New template', description: 'must not appear', document: {} }] });
    expect(store.listGraphs()).toEqual([
      { id: '11111111-1111-4111-8111-111111111111', name: 'Old graph', revision: 2, revisionCount: 2, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-02T00:00:00.000Z' },
    ]);
    expect(store.openGraph('Old graph', 1)).toMatchObject({ message: 'first', document: JSON.parse(doc1) });
    expect(store.openGraph('Old graph').document).toEqual(JSON.parse(doc2));
    // Migration 2 backfilled the UTF-8 size of the old revisions.
    expect(store.listRevisions('Old graph').map((r) => r.bytes)).toEqual([Buffer.byteLength(doc2), Buffer.byteLength(doc1)]);
    expect(store.listTemplates()).toEqual([{ name: 'Old template', description: 'from v1' }]);
    expect(store.loadDraft('tab')).toEqual({ document: { draft: true }, savedAt: '2025-01-03T00:00:00.000Z' });
    expect(store.saveGraph('Old graph', sampleDocument('new')).revision).toBe(3);
    store.close();

    const after = new Database(path, { readonly: true });
    expect(userVersion(after)).toBe(LATEST_SCHEMA_VERSION);
    after.close();
  });

  it('roll a failing migration back whole, leaving the database at the previous version', () => {
    const path = temp.file('failing.sqlite');
    const db = new Database(path);
    const broken = {
      version: 2,
      name: 'half-done step',
      up(target: Database.Database) {
        target.exec('CREATE TABLE half_done (x INTEGER)');
        target.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    expect(() => migrate(db, path, [MIGRATIONS[0]!, broken])).toThrow(/migration 2 \(half-done step\) failed: no such table: no_such_table/);
    expect(userVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
    // The real migrations still take it the rest of the way.
    const store = temp.open({ path });
    expect(store.createGraph('g', {}).revision).toBe(1);
  });

  it('leave an up-to-date database alone on reopen', () => {
    const path = temp.file('current.sqlite');
    temp.open({ path }).createGraph('g', {});
    const db = new Database(path);
    migrate(db, path); // a second run finds nothing to do
    expect(userVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
    expect(temp.open({ path }).listGraphs()).toHaveLength(1);
  });
});
