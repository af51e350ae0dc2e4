/**
 * Running graphs: each run is a MediaPipeline instantiated from a document. Engine events of
 * every element go out as studio events, and drive the node badges (idle, connecting,
 * flowing, error).
 */
import { randomUUID } from 'node:crypto';
import { MediaElement, MediaError, padsOf, type MediaEvent, type MediaObject, type MediaPipeline } from '../../engine/index.ts';
import { instantiateDocument, InvalidDocumentError, makeDocumentCalls } from '../document/instantiate.ts';
import type { ElementState, RunState, RunSummary } from '../rpc/api.ts';
import { RpcError, RpcErrorCode } from '../rpc/protocol.ts';
import { requireValid } from './documents.ts';
import type { EventLog } from './event-log.ts';

/** Methods that start media on their own once a pipeline runs (as Kurento apps call them). */
const AUTOSTART: Record<string, string> = { PlayerEndpoint: 'play', RecorderEndpoint: 'record' };

export interface Run {
  summary: RunSummary;
  pipeline: MediaPipeline;
  /** Document element id → engine object. */
  objects: Map<string, MediaObject>;
  states: Map<string, ElementState>;
  /** Per element, the pads and media types media currently flows on ('in/VIDEO/default'). */
  flows: Map<string, Set<string>>;
}

export class RunManager {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly events: EventLog) {}

  list(): RunSummary[] {
    return [...this.runs.values()].map((r) => r.summary);
  }

  async start(document: unknown, graphId: string | null): Promise<RunSummary> {
    const valid = requireValid(document, 'Cannot run');
    let pipeline: MediaPipeline;
    try {
      pipeline = instantiateDocument(valid);
    } catch (error) {
      if (error instanceof InvalidDocumentError) throw new RpcError(RpcErrorCode.APP_ERROR, error.message, { type: 'INVALID_DOCUMENT', problems: error.problems });
      throw error;
    }
    const runId = randomUUID();
    const objects = new Map<string, MediaObject>();
    for (const object of pipeline.elements) objects.set(object.name, object);
    const summary: RunSummary = {
      runId,
      graphId,
      name: valid.metadata.name,
      state: 'starting',
      startedAt: new Date().toISOString(),
      elements: Object.fromEntries([...objects].map(([id, object]) => [id, object.id])),
    };
    const run: Run = { summary, pipeline, objects, states: new Map(), flows: new Map() };
    this.runs.set(runId, run);
    this.setRunState(run, 'starting');
    for (const [elementId, object] of objects) {
      object.on('*', (event, eventName) => this.onEngineEvent(run, elementId, eventName, event));
      // Media may have started while the pipeline was being built, before anyone listened.
      const flowing = flowingNow(object);
      run.flows.set(elementId, flowing);
      this.setElementState(run, elementId, flowing.size > 0 ? 'flowing' : 'connecting');
    }
    await makeDocumentCalls(valid, objects, (elementId, method, error) => {
      const reason = error instanceof Error ? error.message : String(error);
      this.setElementState(run, elementId, 'error', `${method}(): ${reason}`);
    });
    for (const [elementId, object] of objects) await this.autostart(run, elementId, object);
    if (this.runs.has(runId)) this.setRunState(run, 'running');
    return summary;
  }

  stop(runId: string): void {
    const run = this.get(runId);
    this.runs.delete(runId);
    run.pipeline.release();
    for (const elementId of run.objects.keys()) this.setElementState(run, elementId, 'idle');
    this.setRunState(run, 'stopped');
  }

  stopAll(): void {
    for (const runId of [...this.runs.keys()]) this.stop(runId);
  }

  get(runId: string): Run {
    const run = this.runs.get(runId);
    if (!run) throw new RpcError(RpcErrorCode.APP_ERROR, `No running graph with run id '${runId}' (it may have been stopped)`, { type: 'NOT_FOUND' });
    return run;
  }

  element(runId: string, elementId: string): MediaObject {
    const run = this.get(runId);
    const object = run.objects.get(elementId);
    if (!object) throw new RpcError(RpcErrorCode.APP_ERROR, `Run '${run.summary.name}' has no element '${elementId}'`, { type: 'NOT_FOUND' });
    return object;
  }

  private async autostart(run: Run, elementId: string, object: MediaObject): Promise<void> {
    const method = AUTOSTART[object.type];
    if (!method) return;
    try {
      await object.invoke(method, {});
    } catch (error) {
      const message = error instanceof MediaError ? `${method}(): ${error.message}` : `${method}(): ${String(error)}`;
      this.setElementState(run, elementId, 'error', message);
    }
  }

  /** `data` keeps the event's own fields, including an Error's `type` (its error kind). */
  private onEngineEvent(run: Run, elementId: string, type: string, event: MediaEvent): void {
    const { source: _source, timestampMillis: _t, tags: _tags, type: kind, ...fields } = event;
    // An Error's `type` is its error kind (Kurento's wire); for other events it only repeats the name.
    const data: Record<string, unknown> = kind === type ? fields : { ...fields, type: kind };
    this.events.emit({ kind: 'media-event', runId: run.summary.runId, element: elementId, type, data });
    const flows = run.flows.get(elementId) ?? new Set<string>();
    run.flows.set(elementId, flows);
    const next = stateAfter(type, data, run.states.get(elementId), flows);
    if (next) this.setElementState(run, elementId, next, type === 'Error' ? String(data.description ?? 'error') : undefined);
  }

  private setRunState(run: Run, state: RunState, message?: string): void {
    run.summary.state = state;
    this.events.emit({ kind: 'run-state', runId: run.summary.runId, state, ...(message && { message }) });
  }

  private setElementState(run: Run, elementId: string, state: ElementState, message?: string): void {
    if (run.states.get(elementId) === state && !message) return;
    run.states.set(elementId, state);
    this.events.emit({ kind: 'element-state', runId: run.summary.runId, element: elementId, state, ...(message && { message }) });
  }
}

/** The pads and media types media flows on right now ('in/VIDEO/default'), asked of the element. */
function flowingNow(object: MediaObject): Set<string> {
  const flows = new Set<string>();
  if (!(object instanceof MediaElement)) return flows;
  const pads = padsOf(object.type);
  for (const [direction, list] of [['out', pads.sources], ['in', pads.sinks]] as const) {
    for (const pad of list) {
      for (const type of pad.mediaTypes) {
        const flowing = direction === 'out' ? object.isMediaFlowingOut(type, pad.name) : object.isMediaFlowingIn(type, pad.name);
        if (flowing) flows.add(`${direction}/${type}/${pad.name}`);
      }
    }
  }
  return flows;
}

/** How an engine event moves a node badge; undefined leaves it as it is. */
function stateAfter(type: string, data: Record<string, unknown>, current: ElementState | undefined, flows: Set<string>): ElementState | undefined {
  if (type === 'Error') return 'error';
  if (type !== 'MediaFlowOutStateChanged' && type !== 'MediaFlowInStateChanged') return undefined;
  const key = `${type === 'MediaFlowInStateChanged' ? 'in' : 'out'}/${String(data.mediaType)}/${String(data.padName)}`;
  if (data.state === 'FLOWING') flows.add(key);
  else flows.delete(key);
  if (current === 'error') return undefined;
  return flows.size > 0 ? 'flowing' : 'connecting';
}
