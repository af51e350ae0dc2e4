/** The open document's validation problems (app/document's validator), and which node each belongs to. */
import { useMemo } from 'react';
import type { DocumentProblem, PipelineDocument } from '../../../app/document/types.ts';
import { validateDocument } from '../../../app/document/validate.ts';

export function useProblems(document: PipelineDocument | null): { problems: DocumentProblem[]; byElement: Map<string, string[]> } {
  return useMemo(() => {
    if (!document) return { problems: [], byElement: new Map() };
    const problems = validateDocument(document);
    const byElement = new Map<string, string[]>();
    for (const problem of problems) {
      const match = /^\/(elements|connections)\/(\d+)/.exec(problem.path);
      if (!match) continue;
      const index = Number(match[2]);
      const id = match[1] === 'elements' ? document.elements[index]?.id : document.connections[index]?.to;
      if (id) byElement.set(id, [...(byElement.get(id) ?? []), problem.message]);
    }
    return { problems, byElement };
  }, [document]);
}
