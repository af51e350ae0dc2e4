/** Keyboard shortcuts → editor commands (the list shown in the help overlay is ui/overlays.tsx's SHORTCUTS). */
import { useEffect, type RefObject } from 'react';

/** The command a key press stands for, or undefined. `editing`: a graph is open. */
export function commandFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'>, editing: boolean): string | undefined {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (key === '?' || (e.shiftKey && key === '/')) return 'help.shortcuts';
  if (!editing) return undefined;
  if (mod) {
    if (key === 'z') return e.shiftKey ? 'edit.redo' : 'edit.undo';
    const withMod: Record<string, string> = { s: 'file.save', y: 'edit.redo', c: 'edit.copy', v: 'edit.paste', d: 'edit.duplicate', a: 'edit.selectAll', e: 'file.export', o: 'file.open', enter: 'run.toggle' };
    return withMod[key];
  }
  return ({ f: 'view.fitView', l: 'view.autoLayout', escape: 'edit.selectNone' } as Record<string, string>)[key];
}

/** Runs the command of each key press outside text fields. */
export function useShortcuts(commands: RefObject<Record<string, () => void>>, editing: boolean): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select, [contenteditable="true"]')) return;
      // While a dialog is open the editor's shortcuts are off (Escape belongs to the dialog).
      if (document.querySelector('[aria-modal="true"]')) return;
      const command = commandFor(e, editing);
      if (!command || !commands.current[command]) return;
      e.preventDefault();
      commands.current[command]();
    };
    // Capture phase: the canvas stops some keys (Escape) from bubbling up to window.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [commands, editing]);
}
