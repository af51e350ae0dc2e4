/** The top bar: brand (back to the start screen), the open graph's name and state, the graph commands, theme and help. */
export interface ToolbarProps {
  graph: { name: string; revision: number | null; dirty: boolean } | null;
  running: boolean;
  canUndo: boolean;
  canRedo: boolean;
  theme: { choice: string; resolved: 'light' | 'dark'; cycle(): void };
  run(command: string): void;
  onHome(): void;
}

export function Toolbar({ graph, running, canUndo, canRedo, theme, run, onHome }: ToolbarProps) {
  const button = (command: string, label: string, title: string, extra: { disabled?: boolean; className?: string; testId?: string } = {}) => (
    <button type="button" onClick={() => run(command)} title={title} disabled={extra.disabled} className={extra.className} data-testid={extra.testId}>
      {label}
    </button>
  );
  return (
    <header className="toolbar" role="toolbar" aria-label="Graph">
      <button type="button" className="brand" onClick={onHome} title="Start screen">
        <span className="logo-dot" /> Fluo
      </button>
      {graph && (
        <span className="graph-title" data-testid="graph-title">
          {graph.name}
          {graph.revision !== null && <span className="muted"> · r{graph.revision}</span>}
          {graph.dirty && (
            <span className="unsaved" title="Unsaved changes" data-testid="unsaved">
              ●
            </span>
          )}
        </span>
      )}
      <span className="spacer" />
      {graph && (
        <>
          {button('edit.undo', 'Undo', 'Undo (Ctrl+Z)', { disabled: !canUndo })}
          {button('edit.redo', 'Redo', 'Redo (Ctrl+Shift+Z)', { disabled: !canRedo })}
          {button('view.autoLayout', 'Layout', 'Auto-layout (L)')}
          {button('file.open', 'Import', 'Import JSON (Ctrl+O)')}
          {button('file.export', 'Export', 'Export JSON (Ctrl+E)')}
          {button('file.save', 'Save', 'Save (Ctrl+S)', { testId: 'save' })}
          {button('run.toggle', running ? '■ Stop' : '▶ Run', 'Run / stop (Ctrl+Enter)', { className: running ? 'danger' : 'primary', testId: 'run' })}
        </>
      )}
      <button type="button" onClick={theme.cycle} title={`Theme: ${theme.choice}`} aria-label={`Theme: ${theme.choice}`}>
        {theme.resolved === 'dark' ? '☾' : '☀'}
        {theme.choice === 'system' ? ' auto' : ''}
      </button>
      <button type="button" onClick={() => run('help.shortcuts')} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
        ?
      </button>
    </header>
  );
}
