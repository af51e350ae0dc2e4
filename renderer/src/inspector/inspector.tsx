/**
 * The selected element's form, generated from the catalog: label, constructor params,
 * writable properties (applied live while running), and run-time actions as buttons.
 * With nothing selected: the graph's own details and its validation problems.
 */
import { useState } from 'react';
import type { DocumentCall, DocumentConnection, DocumentElement, DocumentProblem, PipelineDocument } from '../../../app/document/types.ts';
import type { CatalogElement, RunSummary } from '../../../app/rpc/api.ts';
import type { ComplexTypeSpec, MethodSpec } from '../../../engine/catalog/types.ts';
import { connectionKey, setElementValue, setLabel, updateElement } from '../editor/document-ops.ts';
import { errorText, useRpc } from '../rpc.ts';
import { Icon } from '../ui/icons.tsx';
import { statsText } from '../media/peer.ts';
import type { Peers } from '../media/use-peers.ts';
import { Preview } from '../canvas/element-node.tsx';
import { ValueInput } from './value-input.tsx';

/** Properties a document does not set: identity and bookkeeping every MediaObject has. */
const HIDDEN_PROPERTIES = new Set(['name', 'sendTagsInEvents']);

export interface InspectorProps {
  document: PipelineDocument;
  selected: string | undefined;
  /** connectionKey of the selected wire, when a wire alone is selected. */
  selectedConnection?: string | undefined;
  specs: Map<string, CatalogElement>;
  complexTypes: Map<string, ComplexTypeSpec>;
  cameras: { id: string; name: string }[];
  run: RunSummary | null;
  problems: DocumentProblem[];
  peers: Peers;
  edit(change: (document: PipelineDocument) => PipelineDocument, key?: string): void;
  report(message: string, level?: 'info' | 'error'): void;
}

export function Inspector(props: InspectorProps) {
  const { document, selected, specs } = props;
  const element = document.elements.find((e) => e.id === selected);
  const wire = props.selectedConnection ? document.connections.find((c) => connectionKey(c) === props.selectedConnection) : undefined;
  if (!element && wire) return <ConnectionDetails {...props} connection={wire} />;
  if (!element) return <GraphDetails {...props} />;
  const spec = specs.get(element.type);
  return (
    <div className="inspector" data-testid="inspector" data-element-id={element.id}>
      <header>
        <span className={`palette-icon category-${spec?.category ?? 'unknown'}`}>
          <Icon name={spec?.icon ?? 'filter'} size={22} />
        </span>
        <div>
          <h2>{element.label ?? element.id}</h2>
          <p className="muted">
            {element.type}
            {/* The title shows the id when there is no label. */}
            {element.label && (
              <>
                {' '}
                · id <code>{element.id}</code>
              </>
            )}
          </p>
        </div>
      </header>
      {spec && <p className="description">{spec.description}</p>}
      <ElementForm {...props} elementId={element.id} spec={spec} />
    </div>
  );
}

function ElementForm(props: InspectorProps & { elementId: string; spec: CatalogElement | undefined }) {
  const { document, elementId, spec, complexTypes, cameras, run, edit, report } = props;
  const rpc = useRpc();
  const element = document.elements.find((e) => e.id === elementId)!;
  const running = run !== null && elementId in run.elements;
  const hubs = document.elements.filter((e) => spec?.category === 'hubport' && props.specs.get(e.type)?.category === 'hub');
  const properties = (spec?.properties ?? []).filter((p) => p.access === 'rw' && !HIDDEN_PROPERTIES.has(p.name));

  const setProperty = (name: string, value: unknown) => {
    edit((d) => setElementValue(d, elementId, 'properties', name, value), `${elementId}/properties/${name}`);
    if (running && value !== undefined) {
      rpc.call('elements.setProperty', { runId: run.runId, element: elementId, property: name, value }).catch((e: unknown) => report(`${elementId}.${name}: ${errorText(e)}`, 'error'));
    }
  };

  return (
    <>
      {/* First while running: the output is what one watches while tuning the fields below. */}
      {running && spec && spec.pads.sources.length > 0 && <LivePreview elementId={elementId} peers={props.peers} />}
      <section>
        <h3>General</h3>
        <div className="field">
          <label htmlFor="inspector-label">label</label>
          <input id="inspector-label" type="text" value={element.label ?? ''} placeholder={element.id} onChange={(e) => edit((d) => setLabel(d, elementId, e.target.value), `${elementId}/label`)} />
        </div>
        {spec?.category === 'hubport' && (
          <div className="field">
            <label htmlFor="inspector-hub">hub</label>
            <select id="inspector-hub" value={String(element.params?.hub ?? '')} disabled={running} onChange={(e) => edit((d) => updateElement(d, elementId, (x) => ({ ...x, params: { ...x.params, hub: e.target.value } })))}>
              <option value="">— choose a hub —</option>
              {hubs.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.label ?? h.id} ({h.type})
                </option>
              ))}
            </select>
          </div>
        )}
      </section>
      {spec && spec.params.length > 0 && (
        <section data-section="params">
          <h3>Parameters{running && <span className="muted"> (fixed while running)</span>}</h3>
          {spec.params.map((p) => (
            <ValueInput
              key={p.name}
              name={p.name}
              type={p.type}
              value={element.params?.[p.name]}
              defaultValue={p.default}
              unit={p.unit}
              description={p.description}
              required={!p.optional}
              disabled={running}
              complexTypes={complexTypes}
              cameras={cameras}
              onChange={(value) => edit((d) => setElementValue(d, elementId, 'params', p.name, value), `${elementId}/params/${p.name}`)}
            />
          ))}
        </section>
      )}
      {properties.length > 0 && (
        <section data-section="properties">
          <h3>Properties{running && <span className="muted"> (applied live)</span>}</h3>
          {properties.map((p) => (
            <ValueInput
              key={p.name}
              name={p.name}
              type={p.type}
              value={element.properties?.[p.name]}
              defaultValue={p.default}
              unit={p.unit}
              description={p.description}
              complexTypes={complexTypes}
              cameras={cameras}
              onChange={(value) => setProperty(p.name, value)}
            />
          ))}
        </section>
      )}
      {spec && <Actions spec={spec} elementId={elementId} run={running ? run : null} complexTypes={complexTypes} report={report} onSave={(call) => edit((d) => updateElement(d, elementId, (x) => ({ ...x, calls: [...(x.calls ?? []), call] })))} />}
      {element.calls && element.calls.length > 0 && (
        <section data-section="calls">
          <h3>Calls when the graph runs</h3>
          <ol className="calls">
            {element.calls.map((call, i) => (
              <li key={i} data-testid="startup-call">
                <code>
                  {call.method}({Object.values(call.params ?? {}).map((v) => JSON.stringify(v)).join(', ')})
                </code>
                <button
                  type="button"
                  className="small"
                  title="Remove this call"
                  onClick={() => edit((d) => updateElement(d, elementId, (x) => withoutCall(x, i)))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

function LivePreview({ elementId, peers }: { elementId: string; peers: Peers }) {
  const stream = peers.streams.get(elementId);
  const stats = peers.stats.get(elementId);
  return (
    <section data-section="preview">
      <h3>Live preview</h3>
      {stream ? (
        <>
          <Preview stream={stream} className="inspector-preview" testId="inspector-preview" />
          <div className="preview-footer">
            <span className="muted">{stats ? statsText(stats) : ''}</span>
            <button type="button" className="small" onClick={() => peers.closePreview(elementId)}>
              Close preview
            </button>
          </div>
        </>
      ) : (
        <button type="button" onClick={() => peers.preview(elementId)}>
          Preview output
        </button>
      )}
    </section>
  );
}

/** Methods the editor drives itself (wiring, signalling, tags) or that only read state. */
const PLUMBING = /^(get|is|connect$|disconnect$|addTag$|removeTag$|processOffer$|processAnswer$|generateOffer$|addIceCandidate$|gatherCandidates$|dumpGstreamerDot$|setAudioFormat$|setVideoFormat$|createDataChannel$|closeDataChannel$)/;

/** The element without its i-th start-up call (and without an empty `calls`). */
function withoutCall(element: DocumentElement, index: number): DocumentElement {
  const { calls, ...rest } = element;
  const left = (calls ?? []).filter((_, i) => i !== index);
  return left.length > 0 ? { ...rest, calls: left } : rest;
}

type SaveCall = (call: DocumentCall) => void;

function Actions({ spec, elementId, run, complexTypes, report, onSave }: { spec: CatalogElement; elementId: string; run: RunSummary | null; complexTypes: Map<string, ComplexTypeSpec>; report: InspectorProps['report']; onSave: SaveCall }) {
  const actions = spec.methods.filter((m) => m.action);
  const more = spec.methods.filter((m) => !m.action && !PLUMBING.test(m.name));
  if (actions.length === 0 && more.length === 0) return null;
  const button = (m: MethodSpec) => <ActionButton key={m.name} method={m} elementId={elementId} run={run} complexTypes={complexTypes} report={report} onSave={onSave} />;
  return (
    <section data-section="actions">
      <h3>Actions{!run && <span className="muted"> (run now while running, or save to run with the graph)</span>}</h3>
      {actions.map(button)}
      {more.length > 0 && (
        <details open>
          <summary>More methods</summary>
          {more.map(button)}
        </details>
      )}
    </section>
  );
}

function ActionButton({ method, elementId, run, complexTypes, report, onSave }: { method: MethodSpec; elementId: string; run: RunSummary | null; complexTypes: Map<string, ComplexTypeSpec>; report: InspectorProps['report']; onSave: SaveCall }) {
  const rpc = useRpc();
  const [args, setArgs] = useState<Record<string, unknown>>({});
  const [busy, setBusy] = useState(false);
  const invoke = async () => {
    if (!run) return;
    setBusy(true);
    try {
      const { value } = await rpc.call('elements.invoke', { runId: run.runId, element: elementId, method: method.name, args });
      report(`${elementId}.${method.name}()${value !== null ? ` → ${JSON.stringify(value)}` : ''}`);
    } catch (e) {
      report(`${elementId}.${method.name}(): ${errorText(e)}`, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="action">
      {method.params.map((p) => (
        <ValueInput
          key={p.name}
          name={p.name}
          type={p.type}
          value={args[p.name]}
          defaultValue={p.default}
          unit={p.unit}
          description={p.description}
          required={!p.optional}
          complexTypes={complexTypes}
          onChange={(value) => setArgs((a) => ({ ...a, [p.name]: value }))}
        />
      ))}
      <button type="button" disabled={!run || busy} title={method.description} onClick={() => void invoke()}>
        {method.name}
      </button>
      {!method.returns && (
        <button
          type="button"
          className="small"
          title={`Save ${method.name}(...) in the graph: it is called every time the graph runs`}
          data-testid={`save-call-${method.name}`}
          onClick={() => onSave(Object.keys(args).length > 0 ? { method: method.name, params: { ...args } } : { method: method.name })}
        >
          Call on run
        </button>
      )}
    </div>
  );
}

function ConnectionDetails({ document, connection, edit, problems }: InspectorProps & { connection: DocumentConnection }) {
  const index = document.connections.indexOf(connection);
  const own = problems.filter((p) => p.path === `/connections/${index}` || p.path.startsWith(`/connections/${index}/`));
  const label = (id: string) => document.elements.find((e) => e.id === id)?.label ?? id;
  const setMediaType = (value: string) =>
    edit((d) => ({
      ...d,
      connections: d.connections.map((c, i) => {
        if (i !== index) return c;
        const { mediaType: _old, ...rest } = c;
        return value ? { ...rest, mediaType: value as DocumentConnection['mediaType'] } : rest;
      }),
    }));
  return (
    <div className="inspector" data-testid="inspector">
      <header>
        <div>
          <h2>
            {label(connection.from)} → {label(connection.to)}
          </h2>
          <p className="muted">
            Connection <code>/connections/{index}</code>
          </p>
        </div>
      </header>
      <section>
        <h3>Media</h3>
        <div className="field">
          <label htmlFor="connection-media">media type</label>
          <select id="connection-media" value={connection.mediaType ?? ''} onChange={(e) => setMediaType(e.target.value)}>
            <option value="">all the media both pads carry</option>
            <option value="AUDIO">AUDIO</option>
            <option value="VIDEO">VIDEO</option>
            <option value="DATA">DATA</option>
          </select>
        </div>
        <p className="muted">
          From pad <code>{connection.fromPad ?? 'default'}</code> to pad <code>{connection.toPad ?? 'default'}</code>. Delete removes the wire.
        </p>
        {own.length > 0 && (
          <ul className="problems">
            {own.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function GraphDetails({ document, problems, edit }: InspectorProps) {
  return (
    <div className="inspector" data-testid="inspector">
      <header>
        <div>
          <h2>{document.metadata.name}</h2>
          <p className="muted">
            {counted(document.elements.length, 'element')} · {counted(document.connections.length, 'connection')}
          </p>
        </div>
      </header>
      <section>
        <h3>Graph</h3>
        <div className="field">
          <label htmlFor="graph-description">description</label>
          <textarea
            id="graph-description"
            rows={3}
            value={document.metadata.description ?? ''}
            onChange={(e) => edit((d) => ({ ...d, metadata: { ...d.metadata, description: e.target.value } }), 'metadata/description')}
          />
        </div>
      </section>
      <section>
        <h3>Problems</h3>
        {problems.length === 0 ? (
          <p className="muted ok">No problems: this graph can run.</p>
        ) : (
          <ul className="problems" data-testid="graph-problems">
            {problems.map((p, i) => (
              <li key={i}>
                <code>{p.path || '(document)'}</code> {p.message}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="muted hint">Select a node to edit it. Press ? for shortcuts.</p>
    </div>
  );
}
