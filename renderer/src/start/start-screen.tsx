/** What Fluo shows before a graph is open: the templates gallery, a blank graph, saved graphs, import. */
import type { GraphSummary, TemplateSummary } from '../../../app/rpc/api.ts';
import { Icon } from '../ui/icons.tsx';

export interface StartScreenProps {
  templates: TemplateSummary[];
  graphs: GraphSummary[];
  /** A graph never saved, kept from an earlier session by autosave. */
  draft: { name: string; savedAt: string } | null;
  onRecover(): void;
  onDiscard(): void;
  onTemplate(name: string): void;
  onBlank(): void;
  onOpen(graphId: string): void;
  onImport(): void;
}

/** A template's picture, from what its name says it does (the template list carries no icon). */
const TEMPLATE_ICONS: [RegExp, string][] = [
  [/mirror|face/i, 'face-overlay'],
  [/record/i, 'recorder'],
  [/play/i, 'player'],
  [/one-to-many|broadcast/i, 'broadcast'],
  [/composite|grid/i, 'composite'],
  [/mix/i, 'mixer'],
  [/qr|code/i, 'qr'],
];

export function templateIcon(name: string): string {
  return TEMPLATE_ICONS.find(([pattern]) => pattern.test(name))?.[1] ?? 'webrtc';
}

function shortDate(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function StartScreen({ templates, graphs, draft, onRecover, onDiscard, onTemplate, onBlank, onOpen, onImport }: StartScreenProps) {
  return (
    <div className="start-screen" data-testid="start-screen">
      <div className="start-inner">
        <h1>
          <span className="logo-dot" /> Fluo Studio
        </h1>
        <p className="lead">Design live media pipelines: drag endpoints, filters and hubs, wire them, press Run.</p>
        <div className="start-actions">
          <button type="button" className="primary" onClick={onBlank}>
            New blank graph
          </button>
          <button type="button" onClick={onImport}>
            Import JSON…
          </button>
        </div>
        {draft && (
          <div className="draft-card" role="status" data-testid="draft-card">
            <span className="draft-text">
              <strong>“{draft.name}” was not saved.</strong> <span className="muted">Autosaved {shortDate(draft.savedAt)}.</span>
            </span>
            <button type="button" className="primary" onClick={onRecover}>
              Recover it
            </button>
            <button type="button" onClick={onDiscard}>
              Discard
            </button>
          </div>
        )}
        {graphs.length > 0 && (
          <>
            <h2>Saved graphs</h2>
            <ul className="recent-graphs">
              {graphs.map((g) => (
                <li key={g.id}>
                  <button type="button" className="link" onClick={() => onOpen(g.id)}>
                    {g.name}
                  </button>
                  <span className="muted">
                    {' '}
                    r{g.revision} · {shortDate(g.updatedAt)}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
        {templates.length > 0 && <h2>Start from a template</h2>}
        <ul className="template-gallery">
          {templates.map((t) => (
            <li key={t.name}>
              <button type="button" className="template-card" data-template={t.name} onClick={() => onTemplate(t.name)}>
                <span className="template-icon">
                  <Icon name={templateIcon(t.name)} size={22} />
                </span>
                <strong>{t.name}</strong>
                <span className="muted">{t.description}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
