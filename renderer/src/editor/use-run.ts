/** The running pipeline of the open graph: Run/Stop, node states and the event log, from the app's event stream. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PipelineDocument } from '../../../app/document/types.ts';
import type { ElementState, RunSummary, StudioEvent } from '../../../app/rpc/api.ts';
import type { LogEntry } from '../events/event-log.tsx';
import { useRpc } from '../rpc.ts';

const MAX_LOG = 2000;

/** An event's data as the log shows it: "state: FLOWING · padName: default · mediaType: VIDEO" (nested objects flattened). */
export function describeData(data: Record<string, unknown>): string {
  const parts: string[] = [];
  const visit = (key: string, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) visit(k, v);
    } else {
      parts.push(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    }
  };
  for (const [key, value] of Object.entries(data)) visit(key, value);
  const text = parts.join(' · ');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export interface RunControl {
  run: RunSummary | null;
  states: Map<string, { state: ElementState; message?: string }>;
  log: LogEntry[];
  start(document: PipelineDocument, graphId: string | null): Promise<void>;
  stop(): Promise<void>;
  report(text: string, level?: 'info' | 'error', element?: string): void;
  clearLog(): void;
  onRunEvent(listener: (event: StudioEvent) => void): () => void;
}

export function useRun(): RunControl {
  const rpc = useRpc();
  const [run, setRun] = useState<RunSummary | null>(null);
  const [states, setStates] = useState(new Map<string, { state: ElementState; message?: string }>());
  const [log, setLog] = useState<LogEntry[]>([]);
  const runRef = useRef<RunSummary | null>(null);
  runRef.current = run;
  const nextId = useRef(1);
  const listeners = useRef(new Set<(event: StudioEvent) => void>());
  const seen = useRef(new Set<string>());

  const append = useCallback((entry: Omit<LogEntry, 'id'>) => {
    setLog((current) => [...current.slice(-(MAX_LOG - 1)), { ...entry, id: nextId.current++ }]);
  }, []);

  const report = useCallback((text: string, level: 'info' | 'error' = 'info', element?: string) => {
    append({ time: new Date().toISOString(), level, type: level === 'error' ? 'Error' : 'Info', text, ...(element && { element }) });
  }, [append]);

  /** Applies one event of the current run to badges and log. */
  const apply = useCallback(
    (event: StudioEvent) => {
      if (!('runId' in event) || event.runId !== runRef.current?.runId) return;
      // The replay after runs.start may repeat an event that also arrived live.
      const key = JSON.stringify(event);
      if (seen.current.has(key)) return;
      seen.current.add(key);
      if (event.kind === 'element-state') {
        setStates((s) => new Map(s).set(event.element, { state: event.state, ...(event.message && { message: event.message }) }));
        if (event.state === 'error') append({ time: event.time, level: 'error', type: 'Error', element: event.element, text: event.message ?? 'error' });
      } else if (event.kind === 'media-event') {
        append({ time: event.time, level: event.type === 'Error' ? 'error' : 'event', type: event.type, element: event.element, text: describeData(event.data) });
      } else if (event.kind === 'run-state') {
        append({ time: event.time, level: event.state === 'error' ? 'error' : 'info', type: 'Run', text: `${event.state}${event.message ? `: ${event.message}` : ''}` });
        if (event.state === 'stopped') {
          runRef.current = null;
          setRun(null);
          setStates(new Map());
        }
      }
    },
    [append],
  );

  useEffect(
    () =>
      rpc.onEvent((event) => {
        for (const listener of listeners.current) listener(event);
        apply(event);
      }),
    [rpc, apply],
  );

  const start = useCallback(
    async (document: PipelineDocument, graphId: string | null) => {
      const summary = await rpc.call('runs.start', { document, ...(graphId && { graphId }) });
      // Events of this run raised before now were dropped (its id was unknown): the server's log
      // has them all, in order. Fetch it, then take events live from the same instant on.
      const recent = await rpc.call('events.recent', { limit: 500 });
      runRef.current = summary;
      seen.current = new Set();
      setRun(summary);
      setStates(new Map(Object.keys(summary.elements).map((id) => [id, { state: 'connecting' as const }])));
      for (const event of recent) if ('runId' in event && event.runId === summary.runId) apply(event);
    },
    [rpc, apply],
  );

  const stop = useCallback(async () => {
    const current = runRef.current;
    if (!current) return;
    await rpc.call('runs.stop', { runId: current.runId });
    runRef.current = null;
    setRun(null);
    setStates(new Map());
  }, [rpc]);

  const onRunEvent = useCallback((listener: (event: StudioEvent) => void) => {
    listeners.current.add(listener);
    return () => listeners.current.delete(listener);
  }, []);

  return { run, states, log, start, stop, report, clearLog: () => setLog([]), onRunEvent };
}
