/** The studio's use of app/document: validation as RPC errors, import of text, canonical export. */
import { readDocument, validateDocument } from '../document/validate.ts';
import { serializeDocument } from '../document/serialize.ts';
import type { PipelineDocument } from '../document/types.ts';
import type { ValidationResult } from '../rpc/api.ts';
import { RpcError, RpcErrorCode } from '../rpc/protocol.ts';

export function validationOf(document: unknown): ValidationResult {
  const problems = validateDocument(document);
  return problems.length === 0 ? { ok: true, document: document as PipelineDocument } : { ok: false, problems };
}

export function importText(text: string): ValidationResult {
  const { document, problems } = readDocument(text);
  return document ? { ok: true, document } : { ok: false, problems };
}

/** The document, if valid; otherwise an INVALID_DOCUMENT error listing every problem with its path. */
export function requireValid(document: unknown, what: string): PipelineDocument {
  const result = validationOf(document);
  if (result.ok) return result.document;
  const first = result.problems[0]!;
  const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : '';
  throw new RpcError(RpcErrorCode.APP_ERROR, `${what}: the document is invalid: ${first.path || '(document)'}: ${first.message}${more}`, {
    type: 'INVALID_DOCUMENT',
    problems: result.problems,
  });
}

export function exportText(document: unknown): string {
  return serializeDocument(requireValid(document, 'Cannot export'));
}
