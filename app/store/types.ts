/** Shapes the store hands out (see /tmp/store-contract.md: the CLI, the editor RPC and the desktop host code against them). */

export interface TemplateSeed {
  name: string;
  description: string;
  document: object;
}

export interface TemplateSummary {
  name: string;
  description: string;
}

export interface GraphSummary {
  id: string;
  name: string;
  /** Number of the latest revision. */
  revision: number;
  revisionCount: number;
  /** ISO 8601 times. */
  createdAt: string;
  updatedAt: string;
}

export interface SavedRevision {
  graphId: string;
  name: string;
  revision: number;
  createdAt: string;
}

export interface OpenedGraph {
  graphId: string;
  name: string;
  revision: number;
  document: object;
  createdAt: string;
  message: string | null;
}

export interface RevisionSummary {
  revision: number;
  createdAt: string;
  message: string | null;
  /** Size of the stored document (UTF-8 JSON). */
  bytes: number;
}

export interface StoreOptions {
  /** The SQLite file; created (with its folder) if missing. ':memory:' gives a throwaway store. */
  path: string;
  /** Seeded into the templates table when the database is first created, never again. */
  templates?: TemplateSeed[];
}
