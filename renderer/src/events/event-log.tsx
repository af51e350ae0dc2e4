/** Engine and studio events with timestamps, filterable; an event that names a node can select it. */
import { useMemo, useState } from 'react';

export interface LogEntry {
  id: number;
  time: string;
  level: 'info' | 'error' | 'event';
  /** Document element id the entry is about, if any. */
  element?: string;
  type: string;
  text: string;
}

export function EventLog({ entries, collapsed, onToggle, onClear, onSelectElement }: { entries: LogEntry[]; collapsed: boolean; onToggle(): void; onClear(): void; onSelectElement(id: string): void }) {
  const [filter, setFilter] = useState('');
  const [errorsOnly, setErrorsOnly] = useState(false);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return entries.filter((e) => (!errorsOnly || e.level === 'error') && (!q || `${e.type} ${e.element ?? ''} ${e.text}`.toLowerCase().includes(q)));
  }, [entries, filter, errorsOnly]);
  return (
    <div className={`event-log${collapsed ? ' collapsed' : ''}`} data-testid="event-log">
      <div className="event-log-bar">
        <button type="button" className="small" aria-expanded={!collapsed} aria-label={collapsed ? 'Show events' : 'Hide events'} onClick={onToggle}>
          {collapsed ? '▸' : '▾'}
        </button>
        <strong>Events</strong>
        <input type="search" placeholder="Filter events…" aria-label="Filter events" value={filter} onChange={(e) => setFilter(e.target.value)} />
        <label>
          <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} /> errors only
        </label>
        <span className="muted">
          {shown.length}/{entries.length}
        </span>
        <button type="button" className="small" onClick={onClear}>
          Clear
        </button>
      </div>
      <ol className="event-rows">
        {shown.length === 0 && (
          <li className="event-empty">{entries.length === 0 ? 'No events yet. Press Run: state changes, detections and errors from the engine appear here.' : 'No event matches the filter.'}</li>
        )}
        {shown
          .slice(-300)
          .reverse()
          .map((e) => (
            <li key={e.id} className={`level-${e.level}`} data-type={e.type}>
              <time dateTime={e.time}>{new Date(e.time).toLocaleTimeString(undefined, { hour12: false })}.{String(new Date(e.time).getMilliseconds()).padStart(3, '0')}</time>
              <span className="event-type" title={e.type}>{e.type}</span>
              {e.element ? (
                <button type="button" className="link event-element" title={`Select ${e.element}`} onClick={() => onSelectElement(e.element!)}>
                  {e.element}
                </button>
              ) : (
                <span className="event-element" />
              )}
              <span className="event-text">{e.text}</span>
            </li>
          ))}
      </ol>
    </div>
  );
}
