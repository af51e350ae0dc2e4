/**
 * Whether a wire may be drawn, and why not: the candidate connection is added to the document
 * and app/document's own validator judges it (the rules the CLI and the store use). Only
 * problems the new connection introduces count.
 */
import { validateDocument } from '../../../app/document/validate.ts';
import type { DocumentConnection, PipelineDocument } from '../../../app/document/types.ts';

export function wireProblem(document: PipelineDocument, connection: DocumentConnection): string | undefined {
  const before = new Set(validateDocument(document).map((p) => `${p.path}\n${p.message}`));
  const after = validateDocument({ ...document, connections: [...document.connections, connection] });
  return after.find((p) => !before.has(`${p.path}\n${p.message}`))?.message;
}
