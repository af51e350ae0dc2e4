/** Undo/redo as a stack of documents: every edit pushes the previous document. */
import { useCallback, useState } from 'react';
import type { PipelineDocument } from '../../../app/document/types.ts';

const LIMIT = 200;

export interface HistoryState {
  past: PipelineDocument[];
  present: PipelineDocument | null;
  future: PipelineDocument[];
  /** The last edit's coalescing key and time: typing into one field is one undo step. */
  last?: { key: string; at: number };
}

/** Edits with the same key closer than this merge into one undo step. */
export const COALESCE_MS = 1000;

export const EMPTY_HISTORY: HistoryState = { past: [], present: null, future: [] };

/** An edit: the present goes onto the undo stack, the redo stack is dropped. No-ops are not recorded. */
export function applyEdit(s: HistoryState, change: (document: PipelineDocument) => PipelineDocument, key?: string, now = Date.now()): HistoryState {
  if (!s.present) return s;
  const next = change(s.present);
  if (next === s.present) return s;
  const last = key ? { key, at: now } : undefined;
  if (key && s.last?.key === key && now - s.last.at < COALESCE_MS && s.future.length === 0) return { ...s, present: next, last };
  return { past: [...s.past, s.present].slice(-LIMIT), present: next, future: [], ...(last && { last }) };
}

export function undoState(s: HistoryState): HistoryState {
  return s.past.length === 0 || !s.present ? s : { past: s.past.slice(0, -1), present: s.past[s.past.length - 1]!, future: [s.present, ...s.future] };
}

export function redoState(s: HistoryState): HistoryState {
  return s.future.length === 0 || !s.present ? s : { past: [...s.past, s.present], present: s.future[0]!, future: s.future.slice(1) };
}

export interface History {
  document: PipelineDocument | null;
  canUndo: boolean;
  canRedo: boolean;
  /** Applies an edit (recorded for undo; edits with the same `key` in quick succession are one step). */
  edit(change: (document: PipelineDocument) => PipelineDocument, key?: string): void;
  /** Replaces the document and forgets the history (open, new, import). */
  reset(document: PipelineDocument | null): void;
  undo(): void;
  redo(): void;
}

export function useHistory(): History {
  const [state, setState] = useState<HistoryState>(EMPTY_HISTORY);
  const edit = useCallback((change: (document: PipelineDocument) => PipelineDocument, key?: string) => setState((s) => applyEdit(s, change, key)), []);
  const reset = useCallback((document: PipelineDocument | null) => setState({ past: [], present: document, future: [] }), []);
  const undo = useCallback(() => setState(undoState), []);
  const redo = useCallback(() => setState(redoState), []);
  return { document: state.present, canUndo: state.past.length > 0, canRedo: state.future.length > 0, edit, reset, undo, redo };
}
