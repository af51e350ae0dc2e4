/** The studio: start screen, or the editor (palette/graphs, canvas, inspector, event log) around one open graph. */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type DocumentProblem, type PipelineDocument } from '../../app/document/types.ts';
import type { RunSummary } from '../../app/rpc/api.ts';
import { RpcError } from '../../app/rpc/protocol.ts';
import { Canvas } from './canvas/canvas.tsx';
import { nodeGeometry } from './canvas/node-geometry.ts';
import { autoLayout, cloneItems, newElementId, removeItems, type Position } from './editor/document-ops.ts';
import { copyToClipboard, readClipboard, selectionClip } from './editor/clipboard.ts';
import { useHistory } from './editor/history.ts';
import { useProblems } from './editor/problems.ts';
import { useRun } from './editor/use-run.ts';
import { useStudioData } from './editor/use-studio-data.ts';
import { desktop, useDesktopEvents } from './desktop.ts';
import { EventLog } from './events/event-log.tsx';
import { GraphsPanel } from './graphs/graphs-panel.tsx';
import { Inspector } from './inspector/inspector.tsx';
import { usePeers } from './media/use-peers.ts';
import { Palette } from './palette/palette.tsx';
import { errorText, useRpc } from './rpc.ts';
import { StartScreen } from './start/start-screen.tsx';
import { downloadText, fileNameFor, pickTextFile } from './ui/file-io.ts';
import { ProblemsDialog, ShortcutsHelp } from './ui/overlays.tsx';
import { useTheme } from './ui/theme.ts';
import { Toolbar } from './ui/toolbar.tsx';
import { useShortcuts } from './editor/shortcuts.ts';
import { Toasts, useToasts } from './ui/toasts.tsx';

interface OpenGraph {
  graphId: string | null;
  name: string;
  revision: number | null;
}

const UNSAVED_DRAFT = 'unsaved';

function blankDocument(name: string): PipelineDocument {
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, metadata: { name }, elements: [], connections: [] };
}

function problemsOf(error: unknown): DocumentProblem[] | undefined {
  return error instanceof RpcError && error.data?.type === 'INVALID_DOCUMENT' ? (error.data.problems as DocumentProblem[]) : undefined;
}

export function App() {
  return (
    <ReactFlowProvider>
      <Studio />
    </ReactFlowProvider>
  );
}

function Studio() {
  const rpc = useRpc();
  const flow = useReactFlow();
  const data = useStudioData();
  const history = useHistory();
  const runControl = useRun();
  const theme = useTheme();
  const toasts = useToasts();
  const doc = history.document;
  const [graph, setGraph] = useState<OpenGraph | null>(null);
  const [savedText, setSavedText] = useState<string | null>(null);
  const [selection, setSelection] = useState<{ elements: string[]; connections: string[] }>({ elements: [], connections: [] });
  const [leftTab, setLeftTab] = useState<'palette' | 'graphs'>('palette');
  const [modal, setModal] = useState<{ kind: 'help' } | { kind: 'problems'; title: string; problems: DocumentProblem[] } | null>(null);
  const [revisionTick, setRevisionTick] = useState('');
  /** Changes with every graph loaded: the canvas frames the new graph. */
  const [fitKey, setFitKey] = useState(0);
  /** Changes with every fit command: the canvas frames the graph as drawn. */
  const [fitRequest, setFitRequest] = useState(0);
  const { problems, byElement } = useProblems(doc, fitKey);
  const [logCollapsed, setLogCollapsed] = useState(false);
  const [hostStatus, setHostStatus] = useState<string | null>(null);
  const [strayRuns, setStrayRuns] = useState<RunSummary[]>([]);
  const [unsavedDraft, setUnsavedDraft] = useState<{ document: unknown; savedAt: string } | null>(null);
  const onSelection = useCallback((elements: string[], connections: string[]) => {
    setSelection((current) =>
      current.elements.join('\n') === elements.join('\n') && current.connections.join('\n') === connections.join('\n') ? current : { elements, connections },
    );
  }, []);
  const dirty = doc !== null && JSON.stringify(doc) !== savedText;
  const { report } = runControl;
  const peers = usePeers(runControl.run, doc, runControl);

  const notify = useCallback(
    (text: string, level: 'info' | 'error' = 'info') => {
      toasts.show(text, level);
      report(text, level);
    },
    [toasts, report],
  );

  // ---- opening -------------------------------------------------------------------

  const load = useCallback(
    (document: PipelineDocument, opened: OpenGraph, saved: boolean) => {
      if (runControl.run) void runControl.stop();
      history.reset(document);
      setGraph(opened);
      setSavedText(saved ? JSON.stringify(document) : null);
      setSelection({ elements: [], connections: [] });
      setRevisionTick(`${opened.graphId}:${opened.revision}:${Date.now()}`);
      setFitKey((key) => key + 1);
    },
    [history, runControl],
  );

  const openGraph = useCallback(
    async (graphId: string, revision?: number) => {
      try {
        const opened = await rpc.call('graphs.open', { graph: graphId, ...(revision !== undefined && { revision }) });
        load(opened.document, { graphId: opened.graphId, name: opened.name, revision: opened.revision }, true);
        if (revision === undefined) {
          const draft = await rpc.call('drafts.load', { key: opened.graphId });
          if (draft && JSON.stringify(draft.document) !== JSON.stringify(opened.document) && window.confirm(`“${opened.name}” has unsaved changes from ${new Date(draft.savedAt).toLocaleString()}. Restore them?`)) {
            history.reset(draft.document as PipelineDocument);
          }
        }
      } catch (e) {
        notify(`Cannot open the graph: ${errorText(e)}`, 'error');
      }
    },
    [rpc, load, history, notify],
  );

  const openTemplate = useCallback(
    async (name: string) => {
      try {
        const template = await rpc.call('templates.get', { name });
        load(template.document, { graphId: null, name: template.document.metadata.name, revision: null }, false);
      } catch (e) {
        notify(`Cannot open the template: ${errorText(e)}`, 'error');
      }
    },
    [rpc, load, notify],
  );

  const importText = useCallback(
    async (name: string, text: string) => {
      const result = await rpc.call('documents.import', { text });
      if (!result.ok) return setModal({ kind: 'problems', title: `Cannot import ${name}`, problems: result.problems });
      load(result.document, { graphId: null, name: result.document.metadata.name, revision: null }, false);
      notify(`Imported ${name}: save it to keep it.`);
    },
    [rpc, load, notify],
  );

  const importFile = useCallback(async () => {
    const shell = desktop();
    const file = shell ? await shell.showOpenPipelineDialog() : await pickTextFile();
    if (file) await importText(file.name, file.text);
  }, [importText]);

  useEffect(() => {
    if (doc) return;
    rpc.call('drafts.load', { key: UNSAVED_DRAFT }).then(setUnsavedDraft, () => setUnsavedDraft(null));
  }, [rpc, doc]);

  // Runs this page did not start (an earlier page, another window) keep running on the engine: offer to stop them.
  const currentRunId = runControl.run?.runId;
  useEffect(() => {
    const refresh = () => rpc.call('runs.list', {}).then((runs) => setStrayRuns(runs.filter((r) => r.runId !== currentRunId)), () => undefined);
    refresh();
    return rpc.onEvent((event) => {
      if (event.kind === 'run-state' && (event.state === 'running' || event.state === 'stopped')) refresh();
    });
  }, [rpc, currentRunId]);

  // ---- saving, autosave, export ---------------------------------------------------

  const save = useCallback(async () => {
    if (!doc || !graph) return;
    try {
      if (graph.graphId) {
        const saved = await rpc.call('graphs.save', { graph: graph.graphId, document: doc });
        setGraph({ ...graph, revision: saved.revision });
        await rpc.call('drafts.clear', { key: graph.graphId });
        setSavedText(JSON.stringify(doc));
        setRevisionTick(`${graph.graphId}:${saved.revision}`);
        notify(`Saved “${graph.name}” (revision ${saved.revision})`);
      } else {
        const name = window.prompt('Save the graph as:', doc.metadata.name)?.trim();
        if (!name) return;
        const named = { ...doc, metadata: { ...doc.metadata, name } };
        const saved = await rpc.call('graphs.create', { name, document: named });
        history.reset(named);
        setGraph({ graphId: saved.graphId, name: saved.name, revision: saved.revision });
        setSavedText(JSON.stringify(named));
        await rpc.call('drafts.clear', { key: UNSAVED_DRAFT });
        setRevisionTick(`${saved.graphId}:${saved.revision}`);
        notify(`Saved “${saved.name}” (revision ${saved.revision})`);
      }
    } catch (e) {
      const listed = problemsOf(e);
      if (listed) setModal({ kind: 'problems', title: 'Cannot save: the graph has problems', problems: listed });
      else notify(`Cannot save: ${errorText(e)}`, 'error');
    }
  }, [rpc, doc, graph, history, notify]);

  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (!doc || !dirty || !graph) return;
    clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(() => {
      void rpc.call('drafts.save', { key: graph.graphId ?? UNSAVED_DRAFT, document: doc }).catch(() => undefined);
    }, 1200);
    return () => clearTimeout(draftTimer.current);
  }, [rpc, doc, dirty, graph]);

  const exportFile = useCallback(async () => {
    if (!doc) return;
    try {
      const { text } = await rpc.call('documents.export', { document: doc });
      const fileName = fileNameFor(graph?.name ?? doc.metadata.name);
      const shell = desktop();
      if (!shell) return downloadText(fileName, text);
      const path = await shell.showSavePipelineDialog(fileName, text);
      if (path) notify(`Exported to ${path}`);
    } catch (e) {
      const listed = problemsOf(e);
      if (listed) setModal({ kind: 'problems', title: 'Cannot export: the graph has problems', problems: listed });
      else notify(`Cannot export: ${errorText(e)}`, 'error');
    }
  }, [rpc, doc, graph, notify]);

  // ---- running --------------------------------------------------------------------

  const toggleRun = useCallback(async () => {
    if (!doc) return;
    try {
      if (runControl.run) await runControl.stop();
      else await runControl.start(doc, graph?.graphId ?? null);
    } catch (e) {
      const listed = problemsOf(e);
      if (listed) setModal({ kind: 'problems', title: 'Cannot run: the graph has problems', problems: listed });
      else notify(`Cannot run: ${errorText(e)}`, 'error');
    }
  }, [doc, graph, runControl, notify]);

  // ---- editing --------------------------------------------------------------------

  const select = useCallback(
    (ids: string[]) => {
      const chosen = new Set(ids);
      flow.setNodes((nodes) => nodes.map((n) => ({ ...n, selected: chosen.has(n.id) })));
      flow.setEdges((edges) => edges.map((e) => ({ ...e, selected: false })));
      setSelection({ elements: ids, connections: [] });
    },
    [flow],
  );

  const addElement = useCallback(
    (type: string, at?: Position) => {
      if (!doc) return;
      const id = newElementId(doc, type);
      // Double-click adds at the centre of the view: the node's centre, not its corner.
      const centred = () => {
        const box = document.querySelector('.canvas')?.getBoundingClientRect();
        const middle = flow.screenToFlowPosition({ x: (box?.left ?? 0) + (box?.width ?? 800) / 2, y: (box?.top ?? 0) + (box?.height ?? 600) / 2 });
        const size = nodeGeometry(data.specs.get(type), false);
        return { x: middle.x - size.width / 2, y: middle.y - size.height / 2 };
      };
      const position = at ?? centred();
      const snapped = { x: Math.round(position.x / 20) * 20, y: Math.round(position.y / 20) * 20 };
      const hub = type === 'HubPort' ? doc.elements.find((e) => data.specs.get(e.type)?.category === 'hub')?.id : undefined;
      history.edit((d) => ({ ...d, elements: [...d.elements, { id, type, position: snapped, ...(hub && { params: { hub } }) }] }));
      setTimeout(() => select([id]), 0);
    },
    [doc, flow, history, data.specs, select],
  );

  const paste = useCallback(
    (clip = readClipboard(), offset: Position = { x: 40, y: 40 }) => {
      if (!clip || !doc) return;
      let ids: string[] = [];
      history.edit((d) => {
        const result = cloneItems(d, clip.elements, clip.connections, offset);
        ids = result.ids;
        return result.document;
      });
      setTimeout(() => select(ids), 0);
    },
    [doc, history, select],
  );

  // ---- keyboard ---------------------------------------------------------------------

  /** Every editor command, shared by the keyboard, the buttons and the desktop menu. */
  const commands: Record<string, () => void> = {
    'file.new': () => load(blankDocument('Untitled'), { graphId: null, name: 'Untitled', revision: null }, false),
    'file.open': () => void importFile(),
    'file.save': () => void save(),
    'file.export': () => void exportFile(),
    'edit.undo': history.undo,
    'edit.redo': history.redo,
    'edit.copy': () => doc && copyToClipboard(selectionClip(doc, selection.elements)),
    'edit.paste': () => paste(),
    'edit.duplicate': () => doc && paste(selectionClip(doc, selection.elements), { x: 40, y: 40 }),
    'edit.delete': () => history.edit((d) => removeItems(d, new Set(selection.elements), new Set(selection.connections))),
    'edit.selectAll': () => doc && select(doc.elements.map((x) => x.id)),
    'view.fitView': () => setFitRequest((n) => n + 1),
    'view.autoLayout': () => history.edit(autoLayout),
    'view.toggleTheme': theme.cycle,
    'view.toggleEventLog': () => setLogCollapsed((c) => !c),
    'run.toggle': () => void toggleRun(),
    'help.shortcuts': () => setModal({ kind: 'help' }),
    'edit.selectNone': () => select([]),
  };
  const commandsRef = useRef(commands);
  commandsRef.current = commands;
  useDesktopEvents({
    command: (name) => commandsRef.current[name]?.(),
    file: (file) => void importText(file.name, file.text),
    host: (status) => setHostStatus(status.state === 'running' ? null : status.state === 'restarting' ? `The engine stopped (${status.reason}); restarting…` : `The engine cannot start: ${status.reason}`),
  });

  useShortcuts(commandsRef, doc !== null);

  // ---- layout ---------------------------------------------------------------------

  const running = runControl.run !== null;
  const draftName = (unsavedDraft?.document as PipelineDocument | undefined)?.metadata?.name ?? 'Untitled';
  return (
    <div className="app" data-theme={theme.resolved}>
      <Toolbar
        graph={doc && graph ? { name: graph.name, revision: graph.revision, dirty } : null}
        running={running}
        canUndo={history.canUndo}
        canRedo={history.canRedo}
        theme={theme}
        run={(name) => commandsRef.current[name]?.()}
        onHome={() => (dirty && !window.confirm('Leave this graph? Unsaved changes stay in the draft.') ? undefined : (history.reset(null), setGraph(null)))}
      />
      {data.loadError && <div className="banner error">{data.loadError}</div>}
      {hostStatus && <div className="banner error">{hostStatus}</div>}
      {strayRuns.length > 0 && (
        <div className="banner" data-testid="stray-runs">
          {strayRuns.length === 1 ? `“${strayRuns[0]!.name}” is` : `${strayRuns.length} graphs are`} still running on the engine (started elsewhere).{' '}
          <button type="button" className="link" onClick={() => void Promise.all(strayRuns.map((r) => rpc.call('runs.stop', { runId: r.runId }).catch(() => undefined)))}>
            Stop {strayRuns.length === 1 ? 'it' : 'them'}
          </button>
        </div>
      )}
      {!doc || !graph ? (
        <StartScreen
          templates={data.templates}
          graphs={data.graphs}
          draft={unsavedDraft && { name: draftName, savedAt: unsavedDraft.savedAt }}
          onRecover={() => unsavedDraft && load(unsavedDraft.document as PipelineDocument, { graphId: null, name: draftName, revision: null }, false)}
          onDiscard={() => void rpc.call('drafts.clear', { key: UNSAVED_DRAFT }).then(() => setUnsavedDraft(null), (e: unknown) => notify(`Cannot discard the draft: ${errorText(e)}`, 'error'))}
          onTemplate={(name) => void openTemplate(name)}
          onBlank={() => load(blankDocument('Untitled'), { graphId: null, name: 'Untitled', revision: null }, false)}
          onOpen={(id) => void openGraph(id)}
          onImport={() => void importFile()}
        />
      ) : (
        <div className="workspace">
          <aside className="left-panel">
            <div className="tabs" role="tablist">
              <button type="button" role="tab" aria-selected={leftTab === 'palette'} onClick={() => setLeftTab('palette')}>
                Elements
              </button>
              <button type="button" role="tab" aria-selected={leftTab === 'graphs'} onClick={() => setLeftTab('graphs')}>
                Graphs
              </button>
            </div>
            {leftTab === 'palette' ? (
              <Palette elements={data.catalog?.elements ?? []} onAdd={(type) => addElement(type)} />
            ) : (
              <GraphsPanel
                graphs={data.graphs}
                openGraphId={graph.graphId}
                revisionTick={revisionTick}
                onOpen={(id, revision) => void openGraph(id, revision)}
                onRestored={(id) => void openGraph(id)}
                onDeleted={(id) => (id === graph.graphId ? setGraph({ ...graph, graphId: null, revision: null }) : undefined)}
                report={notify}
              />
            )}
          </aside>
          <main className="center">
            <Canvas
              document={doc}
              specs={data.specs}
              states={runControl.states}
              problems={byElement}
              previews={peers.streams}
              stats={peers.stats}
              edit={history.edit}
              fitKey={fitKey}
              fitRequest={fitRequest}
              onSelection={onSelection}
              onAdd={addElement}
              onRefused={(reason) => notify(`Connection refused: ${reason}`, 'error')}
              theme={theme.resolved}
            />
            <EventLog entries={runControl.log} collapsed={logCollapsed} onToggle={() => setLogCollapsed((c) => !c)} onClear={runControl.clearLog} onSelectElement={(id) => select([id])} />
          </main>
          <aside className="right-panel">
            <Inspector
              document={doc}
              selected={selection.elements.length === 1 ? selection.elements[0] : undefined}
              selectedConnection={selection.elements.length === 0 && selection.connections.length === 1 ? selection.connections[0] : undefined}
              specs={data.specs}
              complexTypes={data.complexTypes}
              cameras={data.cameras}
              run={runControl.run}
              problems={problems}
              peers={peers}
              edit={history.edit}
              report={notify}
            />
          </aside>
        </div>
      )}
      {modal?.kind === 'help' && <ShortcutsHelp onClose={() => setModal(null)} />}
      {modal?.kind === 'problems' && <ProblemsDialog title={modal.title} problems={modal.problems} onClose={() => setModal(null)} />}
      <Toasts items={toasts.items} onDismiss={toasts.dismiss} />
    </div>
  );
}

