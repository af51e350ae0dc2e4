import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GraphStore } from './graph-store.ts';
import { sampleDocument } from './testing/documents.ts';
import { useTempStores } from './testing/temp-store.ts';

const temp = useTempStores();

describe('GraphStore revisions', () => {
  it('creates a graph at revision 1 and appends a revision per save', () => {
    const store = temp.open();
    const created = store.createGraph('  Camera to recorder  ', sampleDocument('v1'), 'first');
    expect(created).toMatchObject({ name: 'Camera to recorder', revision: 1 });
    expect(created.graphId).toMatch(/^[0-9a-f-]{36}$/);

    const second = store.saveGraph('Camera to recorder', sampleDocument('v2', 5), 'more elements');
    const third = store.saveGraph(created.graphId, sampleDocument('v3', 7));
    expect([second.revision, third.revision]).toEqual([2, 3]);
    expect(third.graphId).toBe(created.graphId);

    const latest = store.openGraph('Camera to recorder');
    expect(latest).toMatchObject({ graphId: created.graphId, name: 'Camera to recorder', revision: 3, message: null });
    expect(latest.document).toEqual(sampleDocument('v3', 7));

    const first = store.openGraph(created.graphId, 1);
    expect(first).toMatchObject({ revision: 1, message: 'first' });
    expect(first.document).toEqual(sampleDocument('v1'));
    expect(store.openGraph('Camera to recorder', 2).document).toEqual(sampleDocument('v2', 5));
  });

  it('lists revisions newest first with their messages and UTF-8 sizes', () => {
    const store = temp.open();
    store.createGraph('g', sampleDocument('a'), 'one');
    store.saveGraph('g', sampleDocument('b', 6), '  two  ');
    const revisions = store.listRevisions('g');
    expect(revisions.map((r) => [r.revision, r.message])).toEqual([
      [2, 'two'],
      [1, 'one'],
    ]);
    // The labels hold non-ASCII characters, so bytes must count UTF-8 bytes, not characters.
    expect(revisions[0]?.bytes).toBe(Buffer.byteLength(JSON.stringify(sampleDocument('b', 6))));
    expect(revisions[0]?.bytes).toBeGreaterThan(JSON.stringify(sampleDocument('b', 6)).length);
    expect(Date.parse(revisions[0]?.createdAt ?? '')).not.toBeNaN();
  });

  it('lists graphs sorted by name with their latest revision and revision count', () => {
    const store = temp.open();
    store.createGraph('zebra', sampleDocument('z'));
    const beta = store.createGraph('Beta', sampleDocument('b'));
    store.createGraph('alpha', sampleDocument('a'));
    store.saveGraph('Beta', sampleDocument('b2'));
    store.saveGraph('Beta', sampleDocument('b3'));
    const graphs = store.listGraphs();
    expect(graphs.map((g) => g.name)).toEqual(['alpha', 'Beta', 'zebra']);
    expect(graphs[1]).toMatchObject({ id: beta.graphId, revision: 3, revisionCount: 3, createdAt: beta.createdAt });
    expect(graphs[1]!.updatedAt >= beta.createdAt).toBe(true);
  });

  it('renames a graph, keeping its id and revisions', () => {
    const store = temp.open();
    const { graphId } = store.createGraph('old name', sampleDocument('x'));
    store.saveGraph('old name', sampleDocument('y'));
    store.renameGraph('old name', ' new name ');
    store.renameGraph('new name', 'new name'); // renaming to its own name is a no-op, not a clash
    expect(store.listGraphs().map((g) => [g.id, g.name, g.revision])).toEqual([[graphId, 'new name', 2]]);
    expect(store.openGraph('new name', 1).document).toEqual(sampleDocument('x'));
    expect(() => store.openGraph('old name')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('duplicates the latest revision into a new graph at revision 1', () => {
    const store = temp.open();
    const source = store.createGraph('source', sampleDocument('s1'));
    store.saveGraph('source', sampleDocument('s2', 4));
    const copy = store.duplicateGraph(source.graphId, 'copy');
    expect(copy).toMatchObject({ name: 'copy', revision: 1 });
    expect(copy.graphId).not.toBe(source.graphId);
    const opened = store.openGraph('copy');
    expect(opened.document).toEqual(sampleDocument('s2', 4));
    expect(opened.message).toBe('Duplicated from "source" revision 2');
    store.saveGraph('copy', sampleDocument('c2'));
    expect(store.openGraph('source').revision).toBe(2); // the copy is independent
  });

  it('deletes a graph and all its revisions', () => {
    const store = temp.open();
    store.createGraph('doomed', sampleDocument('d'));
    store.saveGraph('doomed', sampleDocument('d2'));
    store.createGraph('kept', sampleDocument('k'));
    store.deleteGraph('doomed');
    expect(store.listGraphs().map((g) => g.name)).toEqual(['kept']);
    // The revisions are gone from the file too (foreign keys are on, so the delete cascades).
    const db = new Database(store.path, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM revisions').get()).toEqual({ n: 1 });
    db.close();
    expect(() => store.listRevisions('doomed')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    store.createGraph('doomed', sampleDocument('again')); // the name is free again, starting over at 1
    expect(store.listRevisions('doomed').map((r) => r.revision)).toEqual([1]);
  });

  it('restores an old revision as a new revision, keeping history', () => {
    const store = temp.open();
    store.createGraph('g', sampleDocument('one'));
    store.saveGraph('g', sampleDocument('two'));
    store.saveGraph('g', sampleDocument('three'));
    const restored = store.restoreRevision('g', 1);
    expect(restored.revision).toBe(4);
    const latest = store.openGraph('g');
    expect(latest.document).toEqual(sampleDocument('one'));
    expect(latest.message).toBe('Restored revision 1');
    expect(store.listRevisions('g').map((r) => r.revision)).toEqual([4, 3, 2, 1]);
    expect(store.openGraph('g', 3).document).toEqual(sampleDocument('three'));
  });

  it('keeps everything across close and reopen', () => {
    const path = temp.file('nested/folder/graphs.sqlite'); // the parent folders do not exist yet
    const first = GraphStore.open({ path });
    first.createGraph('persisted', sampleDocument('p'), 'saved');
    first.saveGraph('persisted', sampleDocument('p2'));
    first.close();
    first.close(); // closing twice is harmless

    const second = temp.open({ path });
    expect(second.path).toBe(path);
    expect(second.listGraphs()).toMatchObject([{ name: 'persisted', revision: 2, revisionCount: 2 }]);
    expect(second.openGraph('persisted', 1)).toMatchObject({ message: 'saved', document: sampleDocument('p') });
  });

  it('finds a graph by id before name, so a graph named like another graph\'s id stays reachable by that id', () => {
    const store = temp.open();
    const a = store.createGraph('a', sampleDocument('a'));
    store.createGraph(a.graphId, sampleDocument('named like an id'));
    expect(store.openGraph(a.graphId).name).toBe('a');
  });

  it('shares one file between two open stores: each sees the other\'s saves and revision numbers never clash', () => {
    const path = temp.file('shared.sqlite');
    const desktop = temp.open({ path });
    const cli = temp.open({ path });
    desktop.createGraph('shared', sampleDocument('0'));
    for (let i = 1; i <= 6; i++) (i % 2 ? cli : desktop).saveGraph('shared', sampleDocument(String(i)));
    expect(desktop.listRevisions('shared').map((r) => r.revision)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(cli.openGraph('shared').document).toEqual(sampleDocument('6'));
    expect(cli.openGraph('shared', 2).document).toEqual(sampleDocument('1'));
  });

  it('offers a throwaway in-memory store at :memory:', () => {
    const store = GraphStore.open({ path: ':memory:', templates: [{ name: 'Blank', description: '', document: {} }] });
    try {
      store.createGraph('scratch', sampleDocument('s'));
      expect(store.path).toBe(':memory:');
      expect(store.openGraph('scratch').document).toEqual(sampleDocument('s'));
      expect(store.listTemplates()).toEqual([{ name: 'Blank', description: '' }]);
    } finally {
      store.close();
    }
  });
});
