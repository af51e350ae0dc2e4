import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphStore, StoreError, type StoreErrorCode } from './graph-store.ts';
import { sampleDocument } from './testing/documents.ts';
import { useTempStores } from './testing/temp-store.ts';

const temp = useTempStores();

/** Runs fn and returns the StoreError it threw, failing the test if it threw anything else or nothing. */
function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError, but nothing was thrown');
}

function expectStoreError(fn: () => unknown, code: StoreErrorCode, message: RegExp | string): void {
  const error = storeError(fn);
  expect({ code: error.code, message: error.message }).toEqual({ code, message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message) });
}

class Point {
  constructor(readonly x: number) {}
}

describe('INVALID_ARGUMENT', () => {
  it('rejects bad graph names', () => {
    const store = temp.open();
    const doc = sampleDocument('d');
    expectStoreError(() => store.createGraph('   ', doc), 'INVALID_ARGUMENT', 'graph name must not be empty');
    expectStoreError(() => store.createGraph(42 as unknown as string, doc), 'INVALID_ARGUMENT', 'graph name must be a string, got number 42');
    expectStoreError(() => store.createGraph('x'.repeat(201), doc), 'INVALID_ARGUMENT', 'graph name is 201 characters long; at most 200');
    expectStoreError(() => store.createGraph('tab\there', doc), 'INVALID_ARGUMENT', /"tab\\there" contains the control character U\+0009 at position 3/);
    expectStoreError(() => store.createGraph('nul\u0000', doc), 'INVALID_ARGUMENT', 'U+0000');
    expectStoreError(() => store.createGraph('half \uD83D pair', doc), 'INVALID_ARGUMENT', 'unpaired surrogate at position 5');
    expect(store.createGraph(`  ${'é'.repeat(200)}  `, doc).name).toHaveLength(200); // 200 characters after trimming is fine
    expectStoreError(() => store.renameGraph('missing', ''), 'INVALID_ARGUMENT', 'new graph name must not be empty');
    expectStoreError(() => store.openGraph(''), 'INVALID_ARGUMENT', 'graph id or name must not be empty');
    expectStoreError(() => store.getTemplate('\n'), 'INVALID_ARGUMENT', 'template name must not be empty');
    expectStoreError(() => store.saveDraft('a\u007fb', doc), 'INVALID_ARGUMENT', 'draft key "a\u007fb" contains the control character U+007F');
  });

  it('rejects revisions that are not positive integers', () => {
    const store = temp.open();
    store.createGraph('g', sampleDocument('d'));
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectStoreError(() => store.openGraph('g', bad), 'INVALID_ARGUMENT', `revision must be a positive integer, got number ${bad}`);
    }
    expectStoreError(() => store.openGraph('g', '1' as unknown as number), 'INVALID_ARGUMENT', 'got the string "1"');
    expectStoreError(() => store.restoreRevision('g', 0), 'INVALID_ARGUMENT', 'revision must be a positive integer');
  });

  it('rejects documents that are not plain objects of JSON values, naming where', () => {
    const store = temp.open();
    const bad: [unknown, string][] = [
      [null, 'document must be a plain object, got null'],
      [[1, 2], 'document must be a plain object, got an array'],
      ['{"a":1}', 'document must be a plain object, got the string'],
      [new Date(0), 'document must be a plain object, got an instance of Date'],
      [{ when: new Date(0) }, 'document at /when is an instance of Date'],
      [{ elements: [{ position: new Point(1) }] }, 'document at /elements/0/position is an instance of Point'],
      [{ score: Number.NaN }, 'document at /score is NaN, which JSON cannot hold'],
      [{ big: 10n }, 'document at /big is bigint 10'],
      [{ run: () => 1 }, 'document at /run is function'],
      [{ list: [1, undefined] }, 'document at /list/1 is undefined'],
      [{ 'a/b': { m: new Map() } }, 'document at /a~1b/m is an instance of Map'],
    ];
    for (const [document, message] of bad) {
      expectStoreError(() => store.createGraph('g', document as object), 'INVALID_ARGUMENT', message);
    }
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = { back: cyclic };
    expectStoreError(() => store.saveDraft('k', cyclic), 'INVALID_ARGUMENT', 'document at /self/back refers back to one of its own ancestors');
    expect(store.listGraphs()).toEqual([]); // nothing was half-created
    // Undefined object properties are simply left out, as JSON does with optional fields.
    store.createGraph('ok', { a: 1, b: undefined });
    expect(store.openGraph('ok').document).toEqual({ a: 1 });
  });

  it('rejects bad revision messages', () => {
    const store = temp.open();
    expectStoreError(() => store.createGraph('g', {}, 5 as unknown as string), 'INVALID_ARGUMENT', 'revision message must be a string, got number 5');
    expectStoreError(() => store.createGraph('g', {}, 'm'.repeat(2001)), 'INVALID_ARGUMENT', 'revision message is 2001 characters long');
  });

  it('rejects bad open options and template seeds before touching the disk', () => {
    const path = temp.file('never-created.sqlite');
    expectStoreError(() => GraphStore.open({ path: ' ' }), 'INVALID_ARGUMENT', 'path must be a non-empty string');
    expectStoreError(() => GraphStore.open(undefined as never), 'INVALID_ARGUMENT', 'needs an options object');
    expectStoreError(() => GraphStore.open({ path, templates: {} as never }), 'INVALID_ARGUMENT', 'templates must be an array');
    const doc = sampleDocument('t');
    expectStoreError(
      () => GraphStore.open({ path, templates: [{ name: 'A', description: 'a', document: doc }, { name: ' A ', description: 'b', document: doc }] }),
      'INVALID_ARGUMENT',
      'templates[1].name "A" is used by an earlier template',
    );
    expectStoreError(
      () => GraphStore.open({ path, templates: [{ name: 'A', description: 3 as never, document: doc }] }),
      'INVALID_ARGUMENT',
      'templates[0].description must be a string, got number 3',
    );
    expectStoreError(
      () => GraphStore.open({ path, templates: [{ name: 'A', description: '', document: [] }] }),
      'INVALID_ARGUMENT',
      'templates[0].document must be a plain object, got an array',
    );
    expect(() => GraphStore.open({ path }).close()).not.toThrow(); // the path itself was fine all along
  });
});

describe('NOT_FOUND', () => {
  it('names the graph, id and revision that are missing', () => {
    const store = temp.open();
    const { graphId } = store.createGraph('present', sampleDocument('p'));
    store.saveGraph('present', sampleDocument('p2'));
    const missing = /^No graph named or with id "absent" in .*fluo\.sqlite$/;
    expectStoreError(() => store.openGraph('absent'), 'NOT_FOUND', missing);
    expectStoreError(() => store.saveGraph('absent', {}), 'NOT_FOUND', missing);
    expectStoreError(() => store.listRevisions('absent'), 'NOT_FOUND', missing);
    expectStoreError(() => store.renameGraph('absent', 'x'), 'NOT_FOUND', missing);
    expectStoreError(() => store.duplicateGraph('absent', 'x'), 'NOT_FOUND', missing);
    expectStoreError(() => store.deleteGraph('absent'), 'NOT_FOUND', missing);
    expectStoreError(() => store.restoreRevision('absent', 1), 'NOT_FOUND', missing);
    const noRevision = `Graph "present" (${graphId}) has no revision 9; its revisions are 1..2`;
    expectStoreError(() => store.openGraph('present', 9), 'NOT_FOUND', noRevision);
    expectStoreError(() => store.restoreRevision(graphId, 9), 'NOT_FOUND', noRevision);
    expectStoreError(() => store.getTemplate('Nope'), 'NOT_FOUND', /^No template named "Nope" in /);
    expect(store.listRevisions('present')).toHaveLength(2); // the failed restore appended nothing
  });
});

describe('NAME_TAKEN', () => {
  it('refuses a name another graph has, on create, rename and duplicate', () => {
    const store = temp.open();
    const first = store.createGraph('taken', sampleDocument('t'));
    store.createGraph('other', sampleDocument('o'));
    const message = `A graph named "taken" already exists (id ${first.graphId})`;
    expectStoreError(() => store.createGraph(' taken ', {}), 'NAME_TAKEN', message);
    expectStoreError(() => store.renameGraph('other', 'taken'), 'NAME_TAKEN', message);
    expectStoreError(() => store.duplicateGraph('other', 'taken'), 'NAME_TAKEN', message);
    expect(store.createGraph('Taken', {}).name).toBe('Taken'); // names are case-sensitive
    expect(store.listGraphs().map((g) => [g.name, g.revision])).toEqual([
      ['other', 1],
      ['Taken', 1], // sorted ignoring case, ties broken by code point
      ['taken', 1],
    ]);
  });
});

describe('IO', () => {
  it('reports a closed store instead of crashing', () => {
    const store = temp.open();
    store.close();
    expectStoreError(() => store.listGraphs(), 'IO', /fluo\.sqlite: listing graphs failed: the store is closed$/);
  });

  it('reports a parent folder that cannot be created, naming the path', () => {
    writeFileSync(temp.file('plain-file'), 'not a folder');
    const path = temp.file('plain-file/sub/fluo.sqlite');
    expectStoreError(() => GraphStore.open({ path }), 'IO', `Cannot create the folder for ${path}`);
  });
});
