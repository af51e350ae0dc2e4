/**
 * GraphStore: the saved graphs of one SQLite file. Every save appends a revision in one transaction, so a write
 * that dies half-way leaves the previous revision intact. Contract: /tmp/store-contract.md.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { openDatabase, type Db } from './database.ts';
import { StoreError, toStoreError } from './errors.ts';
import { prepareStatements, type GraphRow, type RevisionRow, type Statements } from './statements.ts';
import type {
  GraphSummary,
  OpenedGraph,
  RevisionSummary,
  SavedRevision,
  StoreOptions,
  TemplateSeed,
  TemplateSummary,
} from './types.ts';
import { checkMessage, checkName, checkRevision, checkTemplateSeeds, documentToJson } from './validate.ts';

export { StoreError, type StoreErrorCode } from './errors.ts';
export type * from './types.ts';

const TEMPLATES_SEEDED_KEY = 'templates_seeded_at';

function now(): string {
  return new Date().toISOString();
}

export class GraphStore {
  readonly path: string;
  private db: Db | undefined;
  private readonly sql: Statements;

  private constructor(path: string, db: Db) {
    this.path = path;
    this.db = db;
    this.sql = prepareStatements(db);
  }

  /** Opens (creating and migrating if needed) the store at options.path. Throws StoreError. */
  static open(options: StoreOptions): GraphStore {
    if (typeof options !== 'object' || options === null) {
      throw new StoreError('INVALID_ARGUMENT', 'GraphStore.open needs an options object with a path');
    }
    if (typeof options.path !== 'string' || options.path.trim() === '') {
      throw new StoreError('INVALID_ARGUMENT', 'GraphStore.open: path must be a non-empty string');
    }
    const seeds = checkTemplateSeeds(options.templates);
    const path = options.path === ':memory:' ? options.path : resolve(options.path);
    const db = openDatabase(path);
    let store: GraphStore | undefined;
    try {
      store = new GraphStore(path, db);
      store.seedTemplatesOnce(seeds);
      return store;
    } catch (error) {
      db.close();
      throw toStoreError(error, `Cannot open ${path}`);
    }
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  listGraphs(): GraphSummary[] {
    return this.run('listing graphs', () =>
      this.sql.listGraphs.all().map((row) => ({
        id: row.id,
        name: row.name,
        revision: row.revision,
        revisionCount: row.revision_count,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      })),
    );
  }

  createGraph(name: string, document: object, message?: string): SavedRevision {
    const graphName = checkName(name, 'graph name');
    const json = documentToJson(document);
    const text = checkMessage(message);
    return this.write(`creating graph ${JSON.stringify(graphName)}`, () => this.insertGraph(graphName, json, text));
  }

  saveGraph(idOrName: string, document: object, message?: string): SavedRevision {
    const key = checkName(idOrName, 'graph id or name');
    const json = documentToJson(document);
    const text = checkMessage(message);
    return this.write(`saving graph ${JSON.stringify(key)}`, () => this.appendRevision(this.findGraph(key), json, text));
  }

  openGraph(idOrName: string, revision?: number): OpenedGraph {
    const key = checkName(idOrName, 'graph id or name');
    const wanted = revision === undefined ? undefined : checkRevision(revision);
    return this.read(`opening graph ${JSON.stringify(key)}`, () => {
      const graph = this.findGraph(key);
      const row = wanted === undefined ? this.sql.latestRevision.get(graph.id) : this.findRevision(graph, wanted);
      if (!row) throw new StoreError('CORRUPT', `${this.path}: graph ${JSON.stringify(graph.name)} (${graph.id}) has no revisions`);
      return {
        graphId: graph.id,
        name: graph.name,
        revision: row.revision,
        document: this.parseDocument(row.document, `graph ${JSON.stringify(graph.name)} revision ${row.revision}`),
        createdAt: row.created_at,
        message: row.message,
      };
    });
  }

  listRevisions(idOrName: string): RevisionSummary[] {
    const key = checkName(idOrName, 'graph id or name');
    return this.read(`listing revisions of ${JSON.stringify(key)}`, () =>
      this.sql.listRevisions.all(this.findGraph(key).id).map((row) => ({
        revision: row.revision,
        createdAt: row.created_at,
        message: row.message,
        bytes: row.bytes,
      })),
    );
  }

  renameGraph(idOrName: string, newName: string): void {
    const key = checkName(idOrName, 'graph id or name');
    const name = checkName(newName, 'new graph name');
    this.write(`renaming graph ${JSON.stringify(key)} to ${JSON.stringify(name)}`, () => {
      const graph = this.findGraph(key);
      if (graph.name === name) return;
      this.checkNameFree(name);
      this.sql.renameGraph.run(name, now(), graph.id);
    });
  }

  duplicateGraph(idOrName: string, newName: string): SavedRevision {
    const key = checkName(idOrName, 'graph id or name');
    const name = checkName(newName, 'new graph name');
    return this.write(`duplicating graph ${JSON.stringify(key)} as ${JSON.stringify(name)}`, () => {
      const source = this.findGraph(key);
      const latest = this.sql.latestRevision.get(source.id);
      if (!latest) throw new StoreError('CORRUPT', `${this.path}: graph ${JSON.stringify(source.name)} (${source.id}) has no revisions`);
      return this.insertGraph(name, latest.document, `Duplicated from "${source.name}" revision ${latest.revision}`);
    });
  }

  deleteGraph(idOrName: string): void {
    const key = checkName(idOrName, 'graph id or name');
    this.write(`deleting graph ${JSON.stringify(key)}`, () => {
      this.sql.deleteGraph.run(this.findGraph(key).id); // revisions go with it (ON DELETE CASCADE)
    });
  }

  restoreRevision(idOrName: string, revision: number): SavedRevision {
    const key = checkName(idOrName, 'graph id or name');
    const wanted = checkRevision(revision);
    return this.write(`restoring revision ${wanted} of graph ${JSON.stringify(key)}`, () => {
      const graph = this.findGraph(key);
      const old = this.findRevision(graph, wanted);
      return this.appendRevision(graph, old.document, `Restored revision ${wanted}`);
    });
  }

  listTemplates(): TemplateSummary[] {
    return this.run('listing templates', () => this.sql.listTemplates.all().map(({ name, description }) => ({ name, description })));
  }

  getTemplate(name: string): TemplateSeed {
    const key = checkName(name, 'template name');
    return this.run(`reading template ${JSON.stringify(key)}`, () => {
      const row = this.sql.template.get(key);
      if (!row) throw new StoreError('NOT_FOUND', `No template named ${JSON.stringify(key)} in ${this.path}`);
      return { name: row.name, description: row.description, document: this.parseDocument(row.document, `template ${JSON.stringify(key)}`) };
    });
  }

  saveDraft(key: string, document: object): void {
    const draftKey = checkName(key, 'draft key');
    const json = documentToJson(document);
    this.run(`saving draft ${JSON.stringify(draftKey)}`, () => this.sql.upsertDraft.run(draftKey, json, now()));
  }

  loadDraft(key: string): { document: object; savedAt: string } | undefined {
    const draftKey = checkName(key, 'draft key');
    return this.run(`loading draft ${JSON.stringify(draftKey)}`, () => {
      const row = this.sql.draft.get(draftKey);
      if (!row) return undefined;
      return { document: this.parseDocument(row.document, `draft ${JSON.stringify(draftKey)}`), savedAt: row.saved_at };
    });
  }

  clearDraft(key: string): void {
    const draftKey = checkName(key, 'draft key');
    this.run(`clearing draft ${JSON.stringify(draftKey)}`, () => this.sql.deleteDraft.run(draftKey));
  }

  // --- internals -------------------------------------------------------------------------------------------

  /** Runs fn on the open connection, turning anything SQLite throws into a StoreError naming the file and the action. */
  private run<T>(action: string, fn: (db: Db) => T): T {
    const db = this.db;
    if (!db) throw new StoreError('IO', `${this.path}: ${action} failed: the store is closed`);
    try {
      return fn(db);
    } catch (error) {
      throw toStoreError(error, `${this.path}: ${action}`);
    }
  }

  /** A read in one (deferred) transaction, so the graph and its revision come from the same snapshot. */
  private read<T>(action: string, fn: () => T): T {
    return this.run(action, (db) => db.transaction(fn)());
  }

  /** A write in one IMMEDIATE transaction: it takes the write lock up front, so checks and writes cannot interleave with another process. */
  private write<T>(action: string, fn: () => T): T {
    return this.run(action, (db) => db.transaction(fn).immediate());
  }

  private findGraph(idOrName: string): GraphRow {
    const graph = this.sql.graphById.get(idOrName) ?? this.sql.graphByName.get(idOrName);
    if (!graph) throw new StoreError('NOT_FOUND', `No graph named or with id ${JSON.stringify(idOrName)} in ${this.path}`);
    return graph;
  }

  private findRevision(graph: GraphRow, revision: number): RevisionRow {
    const row = this.sql.revision.get(graph.id, revision);
    if (row) return row;
    const latest = this.sql.latestRevisionNumber.get(graph.id)?.revision ?? 0;
    throw new StoreError(
      'NOT_FOUND',
      `Graph ${JSON.stringify(graph.name)} (${graph.id}) has no revision ${revision}; its revisions are 1..${latest}`,
    );
  }

  private checkNameFree(name: string): void {
    const clash = this.sql.graphByName.get(name);
    if (clash) throw new StoreError('NAME_TAKEN', `A graph named ${JSON.stringify(name)} already exists (id ${clash.id})`);
  }

  private insertGraph(name: string, json: string, message: string | null): SavedRevision {
    this.checkNameFree(name);
    const id = randomUUID();
    const createdAt = now();
    this.sql.insertGraph.run(id, name, createdAt, createdAt);
    this.sql.insertRevision.run(id, 1, json, createdAt, message, Buffer.byteLength(json));
    return { graphId: id, name, revision: 1, createdAt };
  }

  private appendRevision(graph: GraphRow, json: string, message: string | null): SavedRevision {
    const revision = (this.sql.latestRevisionNumber.get(graph.id)?.revision ?? 0) + 1;
    const createdAt = now();
    this.sql.insertRevision.run(graph.id, revision, json, createdAt, message, Buffer.byteLength(json));
    this.sql.touchGraph.run(createdAt, graph.id);
    return { graphId: graph.id, name: graph.name, revision, createdAt };
  }

  private parseDocument(json: string, what: string): object {
    try {
      return JSON.parse(json) as object;
    } catch (error) {
      throw new StoreError('CORRUPT', `${this.path}: ${what} does not hold valid JSON`, { cause: error });
    }
  }

  /** Seeds the templates the first time this database is opened, and records that it did, so it never happens again. */
  private seedTemplatesOnce(seeds: ReturnType<typeof checkTemplateSeeds>): void {
    this.write('seeding templates', () => {
      if (this.sql.meta.get(TEMPLATES_SEEDED_KEY)) return;
      seeds.forEach((seed, position) => this.sql.insertTemplate.run(seed.name, seed.description, seed.json, position));
      this.sql.insertMeta.run(TEMPLATES_SEEDED_KEY, now());
    });
  }
}
