/**
 * The studio's typed RPC API: every method the UI may call, with its params and result,
 * and the events the app pushes. One API for both transports (WebSocket in the browser
 * build, MessagePort in Electron). Type-only imports keep this file browser-safe.
 */
import type {
  ComplexTypeSpec,
  ElementCategory,
  EventSpec,
  MethodSpec,
  ModuleName,
  PadSpec,
  ParamSpec,
  PropertySpec,
} from '../../engine/catalog/types.ts';
import type { CameraDevice } from '../../engine/elements/camera-endpoint.ts';
import type { DocumentProblem, PipelineDocument } from '../document/types.ts';
import type {
  GraphSummary,
  OpenedGraph as StoreOpenedGraph,
  RevisionSummary,
  SavedRevision,
  TemplateSummary,
} from '../store/types.ts';

/** One palette/inspector entry, generated from engine/catalog. */
export interface CatalogElement {
  type: string;
  category: Exclude<ElementCategory, 'pipeline' | 'base'>;
  module: ModuleName;
  /** Not in Kurento: cannot be deployed to a Kurento Media Server. */
  fluoOnly: boolean;
  summary: string;
  description: string;
  icon: string;
  /** Constructor params a user sets (mediaPipeline/hub come from context). */
  params: ParamSpec[];
  /** All properties including inherited ones. */
  properties: PropertySpec[];
  methods: MethodSpec[];
  events: string[];
  pads: { sources: PadSpec[]; sinks: PadSpec[] };
}

export interface CatalogData {
  elements: CatalogElement[];
  complexTypes: ComplexTypeSpec[];
  events: EventSpec[];
}

export type { GraphSummary, RevisionSummary, SavedRevision, TemplateSummary };

/** The store's OpenedGraph, with the document typed (only valid documents are saved). */
export interface OpenedGraph extends Omit<StoreOpenedGraph, 'document'> {
  document: PipelineDocument;
}

export interface TemplateDocument extends TemplateSummary {
  document: PipelineDocument;
}

export type ValidationResult = { ok: true; document: PipelineDocument } | { ok: false; problems: DocumentProblem[] };

export type RunState = 'starting' | 'running' | 'stopped' | 'error';
/** What a node badge shows. */
export type ElementState = 'idle' | 'connecting' | 'flowing' | 'error';

export interface RunSummary {
  runId: string;
  /** The saved graph it was started from, if any. */
  graphId: string | null;
  name: string;
  state: RunState;
  startedAt: string;
  /** Document element id → engine object id. */
  elements: Record<string, string>;
}

export type { CameraDevice };

/** Events the app pushes to every connected UI (JSON-RPC notification `event`). */
export type StudioEvent = { time: string } & (
  | { kind: 'run-state'; runId: string; state: RunState; message?: string }
  | { kind: 'element-state'; runId: string; element: string; state: ElementState; message?: string }
  /** An engine event (Kurento's onEvent): faces detected, codes found, errors, media flow. */
  | { kind: 'media-event'; runId: string; element: string; type: string; data: Record<string, unknown> }
  | { kind: 'preview-ice'; previewId: string; candidate: IceCandidate }
  | { kind: 'graphs-changed' }
);

export interface IceCandidate {
  candidate: string;
  sdpMid: string;
  sdpMLineIndex: number;
}

type Empty = Record<string, never>;

/** Method name → params and result. */
export interface RpcMethods {
  'catalog.get': { params: Empty; result: CatalogData };
  'graphs.list': { params: Empty; result: GraphSummary[] };
  'graphs.open': { params: { graph: string; revision?: number }; result: OpenedGraph };
  /** Creates a graph from a valid document (refused with the problems otherwise). */
  'graphs.create': { params: { name: string; document: unknown; message?: string }; result: SavedRevision };
  'graphs.save': { params: { graph: string; document: unknown; message?: string }; result: SavedRevision };
  'graphs.rename': { params: { graph: string; name: string }; result: null };
  'graphs.duplicate': { params: { graph: string; name: string }; result: SavedRevision };
  'graphs.delete': { params: { graph: string }; result: null };
  'graphs.revisions': { params: { graph: string }; result: RevisionSummary[] };
  'graphs.restore': { params: { graph: string; revision: number }; result: SavedRevision };
  /** `fluo export` of a saved graph, byte for byte. */
  'graphs.export': { params: { graph: string; revision?: number }; result: { text: string } };
  'templates.list': { params: Empty; result: TemplateSummary[] };
  'templates.get': { params: { name: string }; result: TemplateDocument };
  'drafts.save': { params: { key: string; document: unknown }; result: null };
  'drafts.load': { params: { key: string }; result: { document: unknown; savedAt: string } | null };
  'drafts.clear': { params: { key: string }; result: null };
  'documents.validate': { params: { document: unknown }; result: ValidationResult };
  /** Parses and validates pipeline JSON text (problems carry line/column where known). */
  'documents.import': { params: { text: string }; result: ValidationResult };
  /** Serializes a valid document exactly as `fluo export` does. */
  'documents.export': { params: { document: unknown }; result: { text: string } };
  'runs.start': { params: { document: unknown; graphId?: string }; result: RunSummary };
  'runs.stop': { params: { runId: string }; result: null };
  'runs.list': { params: Empty; result: RunSummary[] };
  'elements.invoke': { params: { runId: string; element: string; method: string; args?: Record<string, unknown> }; result: { value: unknown } };
  'elements.getProperty': { params: { runId: string; element: string; property: string }; result: { value: unknown } };
  'elements.setProperty': { params: { runId: string; element: string; property: string; value: unknown }; result: null };
  'cameras.list': { params: Empty; result: CameraDevice[] };
  /** Opens a live preview of an element's output: a WebRtcEndpoint fed by it, answering the page's offer. */
  'preview.offer': { params: { runId: string; element: string; offer: string }; result: { previewId: string; answer: string } };
  'preview.addIceCandidate': { params: { previewId: string; candidate: IceCandidate }; result: null };
  'preview.close': { params: { previewId: string }; result: null };
  /** Events already raised (newest last), for a UI that connects late. */
  'events.recent': { params: { limit?: number }; result: StudioEvent[] };
}

export type RpcMethodName = keyof RpcMethods;
export type ParamsOf<M extends RpcMethodName> = RpcMethods[M]['params'];
export type ResultOf<M extends RpcMethodName> = RpcMethods[M]['result'];

/** Which connection a call came in on (for per-connection state such as previews). */
export interface CallContext {
  connectionId: string;
}

/** What the app implements: one handler per method. */
export type StudioApi = {
  [M in RpcMethodName]: (params: ParamsOf<M>, context: CallContext) => Promise<ResultOf<M>> | ResultOf<M>;
};

/** The notification method carrying StudioEvents. */
export const EVENT_NOTIFICATION = 'event';
