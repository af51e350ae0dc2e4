/**
 * The open document's validation problems (app/document's validator), and which node each
 * belongs to. A large graph is checked after the frame that shows it is painted: the check
 * of 500 elements would otherwise delay opening the graph and every keystroke in it.
 */
import { useEffect, useMemo, useState } from 'react';
import type { DocumentProblem, PipelineDocument } from '../../../app/document/types.ts';
import { validateDocument } from '../../../app/document/validate.ts';
import { LARGE_GRAPH } from '../canvas/fit.ts';

export interface Problems {
  problems: DocumentProblem[];
  byElement: Map<string, string[]>;
}

const NONE: Problems = { problems: [], byElement: new Map() };

export function problemsOf(document: PipelineDocument): Problems {
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
}

/**
 * `graphKey` changes when another graph is loaded: until a large graph's own check is done,
 * its nodes show none of the previous graph's problems (after an edit, the last ones stay).
 */
export function useProblems(document: PipelineDocument | null, graphKey: number): Problems {
  const large = document !== null && document.elements.length > LARGE_GRAPH;
  const now = useMemo(() => (document && !large ? problemsOf(document) : null), [document, large]);
  const [later, setLater] = useState<{ graphKey: number; result: Problems } | null>(null);
  useEffect(() => {
    if (!document || !large) return;
    let cancelled = false;
    // After the next frame is painted: a timer queued from an animation frame runs after it.
    const frame = requestAnimationFrame(() =>
      setTimeout(() => {
        if (!cancelled) setLater({ graphKey, result: problemsOf(document) });
      }, 0),
    );
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
    };
  }, [document, large, graphKey]);
  if (now) return now;
  return large && later?.graphKey === graphKey ? later.result : NONE;
}
