/** The one error type the store throws: a code callers can branch on and a message naming the file, graph or value. */

export type StoreErrorCode = 'NOT_FOUND' | 'NAME_TAKEN' | 'INVALID_ARGUMENT' | 'CORRUPT' | 'TOO_NEW' | 'IO';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/** The SQLite extended result code of a better-sqlite3 error ('SQLITE_CORRUPT', 'SQLITE_BUSY', ...), if it is one. */
function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns whatever a database or file operation threw into a StoreError that says what was being done.
 * StoreErrors pass through unchanged; a damaged file becomes CORRUPT, everything else IO.
 */
export function toStoreError(error: unknown, context: string): StoreError {
  if (error instanceof StoreError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const code = sqliteCode(error);
  if (code !== undefined && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) {
    return new StoreError('CORRUPT', `${context}: the database file is damaged (${detail})`, { cause: error });
  }
  return new StoreError('IO', `${context}: ${detail}${code ? ` (${code})` : ''}`, { cause: error });
}
