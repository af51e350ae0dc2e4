/** Modal overlays: the keyboard shortcuts help, and the problems of a document that could not be opened. */
import { useEffect, useRef, type ReactNode } from 'react';
import type { DocumentProblem } from '../../../app/document/types.ts';

export const SHORTCUTS: [string, string][] = [
  ['Ctrl+S', 'Save (a new revision)'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo'],
  ['Ctrl+Y', 'Redo'],
  ['Ctrl+C / Ctrl+V', 'Copy / paste (also between graphs)'],
  ['Ctrl+D', 'Duplicate the selection'],
  ['Ctrl+A', 'Select everything'],
  ['Delete / Backspace', 'Delete the selection'],
  ['Shift+drag', 'Box select'],
  ['Ctrl/Shift+click', 'Add to the selection'],
  ['F', 'Fit the graph in view'],
  ['L', 'Auto-layout'],
  ['Ctrl+Enter', 'Run / stop'],
  ['Ctrl+E', 'Export JSON'],
  ['Ctrl+O', 'Import JSON'],
  ['?', 'This help'],
  ['Esc', 'Close dialogs, clear the selection'],
];

export function Modal({ title, onClose, children, testId }: { title: string; onClose(): void; children: ReactNode; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  // One listener for the dialog's life: re-adding it on every render could drop it in the middle
  // of a key event's dispatch, and the Escape would be lost.
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    box.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close.current();
    };
    // Capture phase: the canvas stops some keys (Escape) from bubbling up to window.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-modal="true" aria-label={title} tabIndex={-1} ref={box} onClick={(e) => e.stopPropagation()} data-testid={testId}>
        <header>
          <h2>{title}</h2>
          <button type="button" className="close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} testId="shortcuts">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}

export function ProblemsDialog({ title, problems, onClose }: { title: string; problems: DocumentProblem[]; onClose(): void }) {
  return (
    <Modal title={title} onClose={onClose} testId="problems-dialog">
      <p>Nothing was changed. Fix these {problems.length === 1 ? 'problem' : `${problems.length} problems`} and try again:</p>
      <ul className="problems">
        {problems.map((p, i) => (
          <li key={i}>
            <code>{p.path || '(document)'}</code>
            {p.line !== undefined && (
              <span className="muted">
                {' '}
                line {p.line}:{p.column ?? 1}
              </span>
            )}{' '}
            {p.message}
          </li>
        ))}
      </ul>
    </Modal>
  );
}
