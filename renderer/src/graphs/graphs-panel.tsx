/** Saved graphs (from the store): open, rename, duplicate, delete, and the open graph's revisions with restore. */
import { useEffect, useState } from 'react';
import type { GraphSummary, RevisionSummary } from '../../../app/rpc/api.ts';
import { errorText, useRpc } from '../rpc.ts';
import { Icon } from '../ui/icons.tsx';

export interface GraphsPanelProps {
  graphs: GraphSummary[];
  openGraphId: string | null;
  /** Changes whenever the open graph gets a new revision, to refresh the history. */
  revisionTick: string;
  onOpen(graphId: string, revision?: number): void;
  onRestored(graphId: string): void;
  onDeleted(graphId: string): void;
  report(message: string, level?: 'info' | 'error'): void;
}

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function GraphsPanel({ graphs, openGraphId, revisionTick, onOpen, onRestored, onDeleted, report }: GraphsPanelProps) {
  const rpc = useRpc();
  const [revisions, setRevisions] = useState<RevisionSummary[]>([]);
  useEffect(() => {
    if (!openGraphId) return setRevisions([]);
    rpc.call('graphs.revisions', { graph: openGraphId }).then(setRevisions, (e: unknown) => report(errorText(e), 'error'));
  }, [rpc, openGraphId, revisionTick, report]);

  const act = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (e) {
      report(`${what}: ${errorText(e)}`, 'error');
    }
  };
  const rename = (g: GraphSummary) => {
    const name = window.prompt(`Rename “${g.name}” to:`, g.name);
    if (name && name !== g.name) void act('Rename', () => rpc.call('graphs.rename', { graph: g.id, name }));
  };
  const duplicate = (g: GraphSummary) => {
    const name = window.prompt(`Name of the copy of “${g.name}”:`, `${g.name} copy`);
    if (name) void act('Duplicate', () => rpc.call('graphs.duplicate', { graph: g.id, name }));
  };
  const remove = (g: GraphSummary) => {
    if (!window.confirm(`Delete “${g.name}” and all its ${g.revisionCount} revisions?`)) return;
    void act('Delete', async () => {
      await rpc.call('graphs.delete', { graph: g.id });
      onDeleted(g.id);
    });
  };
  const restore = (revision: number) => {
    if (!openGraphId) return;
    void act('Restore', async () => {
      await rpc.call('graphs.restore', { graph: openGraphId, revision });
      onRestored(openGraphId);
    });
  };

  return (
    <div className="graphs-panel" data-testid="graphs-panel">
      <h3>Saved graphs</h3>
      {graphs.length === 0 && <p className="muted">Nothing saved yet. Save with Ctrl+S.</p>}
      <ul className="graph-list">
        {graphs.map((g) => (
          <li key={g.id} className={g.id === openGraphId ? 'current' : ''} data-graph={g.name}>
            <button type="button" className="graph-open" onClick={() => onOpen(g.id)} title={`Updated ${when(g.updatedAt)}`}>
              <span className="graph-name">{g.name}</span>
              <span className="muted">r{g.revision}</span>
            </button>
            <span className="graph-actions">
              <button type="button" title="Rename" aria-label={`Rename ${g.name}`} onClick={() => rename(g)}>
                <Icon name="rename" size={15} />
              </button>
              <button type="button" title="Duplicate" aria-label={`Duplicate ${g.name}`} onClick={() => duplicate(g)}>
                <Icon name="duplicate" size={15} />
              </button>
              <button type="button" title="Delete" aria-label={`Delete ${g.name}`} onClick={() => remove(g)}>
                <Icon name="delete" size={15} />
              </button>
            </span>
          </li>
        ))}
      </ul>
      {openGraphId && (
        <>
          <h3>History</h3>
          <ol className="revisions" data-testid="revisions">
            {revisions.map((r, i) => (
              <li key={r.revision} data-revision={r.revision}>
                <button type="button" className="revision-open" onClick={() => onOpen(openGraphId, r.revision)} title="Open this revision">
                  <strong>r{r.revision}</strong> <span className="muted">{when(r.createdAt)}</span>
                  {i === 0 && <span className="tag">latest</span>}
                  {r.message && <span className="revision-message">{r.message}</span>}
                </button>
                {i > 0 && (
                  <button type="button" className="small" onClick={() => restore(r.revision)} title="Save this revision's document as a new revision">
                    Restore
                  </button>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
