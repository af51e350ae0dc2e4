import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sampleDocument } from './testing/documents.ts';
import { useTempStores } from './testing/temp-store.ts';
import type { TemplateSeed } from './types.ts';

const temp = useTempStores();

const seeds: TemplateSeed[] = [
  { name: 'Blank', description: 'An empty pipeline', document: sampleDocument('blank', 0) },
  { name: 'Loopback', description: 'WebRTC in, WebRTC out', document: sampleDocument('loopback', 2) },
];

describe('templates', () => {
  it('are seeded when the database is created, in the order given', () => {
    const store = temp.open({ templates: seeds });
    expect(store.listTemplates()).toEqual([
      { name: 'Blank', description: 'An empty pipeline' },
      { name: 'Loopback', description: 'WebRTC in, WebRTC out' },
    ]);
    expect(store.getTemplate('Loopback')).toEqual(seeds[1]);
  });

  it('are never re-seeded or overwritten by a later open, and the seeding is recorded', () => {
    const path = temp.file('fluo.sqlite');
    temp.open({ path, templates: seeds }).close();
    const changed: TemplateSeed[] = [
      { name: 'Loopback', description: 'changed', document: sampleDocument('changed') },
      { name: 'New one', description: 'added later', document: {} },
    ];
    const reopened = temp.open({ path, templates: changed });
    expect(reopened.listTemplates().map((t) => t.description)).toEqual(['An empty pipeline', 'WebRTC in, WebRTC out']);
    expect(reopened.getTemplate('Loopback').document).toEqual(seeds[1]?.document);
    reopened.close();

    const db = new Database(path, { readonly: true });
    const row = db.prepare("SELECT value FROM store_meta WHERE key = 'templates_seeded_at'").get() as { value: string };
    db.close();
    expect(Date.parse(row.value)).not.toBeNaN();
  });

  it('a database first created without templates stays without them', () => {
    const path = temp.file('fluo.sqlite');
    temp.open({ path }).close();
    expect(temp.open({ path, templates: seeds }).listTemplates()).toEqual([]);
  });
});

describe('drafts', () => {
  it('saves, overwrites, loads and clears a draft per key, across reopen', () => {
    const path = temp.file('fluo.sqlite');
    const store = temp.open({ path });
    expect(store.loadDraft('tab-1')).toBeUndefined();
    store.saveDraft('tab-1', sampleDocument('first'));
    store.saveDraft('tab-1', sampleDocument('second'));
    store.saveDraft('tab-2', { format: 'fluo.pipeline', unfinished: true });
    store.close();

    const reopened = temp.open({ path });
    const draft = reopened.loadDraft(' tab-1 ');
    expect(draft?.document).toEqual(sampleDocument('second'));
    expect(Date.parse(draft?.savedAt ?? '')).not.toBeNaN();
    reopened.clearDraft('tab-1');
    reopened.clearDraft('tab-1'); // clearing a missing draft is fine
    expect(reopened.loadDraft('tab-1')).toBeUndefined();
    expect(reopened.loadDraft('tab-2')?.document).toEqual({ format: 'fluo.pipeline', unfinished: true });
    expect(reopened.listGraphs()).toEqual([]); // drafts are not graphs
  });
});
