/**
 * The Studio service: what the editor talks to. Saved graphs (the store), documents
 * (validate/import/export), runs (documents ↔ running pipelines), element calls, previews
 * and the event stream, as one StudioApi that any RPC transport can serve.
 */
import { listCameras } from '../../engine/elements/camera-endpoint.ts';
import { withEngineIds } from '../document/instantiate.ts';
import { serializeDocument } from '../document/serialize.ts';
import type { PipelineDocument } from '../document/types.ts';
import type { CameraDevice, OpenedGraph, StudioApi, StudioEvent } from '../rpc/api.ts';
import type { GraphStore } from '../store/graph-store.ts';
import { catalogData } from './catalog-data.ts';
import { exportText, importText, requireValid, validationOf } from './documents.ts';
import { EventLog } from './event-log.ts';
import { PreviewManager } from './previews.ts';
import { RunManager } from './runs.ts';

export interface StudioOptions {
  store: GraphStore;
  /** The cameras the engine can open; default: libavdevice's list. */
  listCameras?: () => Promise<CameraDevice[]> | CameraDevice[];
}

export class Studio {
  readonly events = new EventLog();
  readonly runs = new RunManager(this.events);
  readonly previews = new PreviewManager(this.runs, this.events);
  readonly api: StudioApi;

  constructor(private readonly options: StudioOptions) {
    this.api = this.handlers();
  }

  onEvent(listener: (event: StudioEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  /** Stops every run; the store is the caller's to close. */
  close(): void {
    this.runs.stopAll();
  }

  private changed<T>(value: T): T {
    this.events.emit({ kind: 'graphs-changed' });
    return value;
  }

  private handlers(): StudioApi {
    const store = this.options.store;
    return {
      'catalog.get': () => catalogData(),
      'graphs.list': () => store.listGraphs(),
      'graphs.open': ({ graph, revision }) => store.openGraph(graph, revision) as OpenedGraph,
      'graphs.create': ({ name, document, message }) => this.changed(store.createGraph(name, requireValid(document, `Cannot save '${name}'`), message)),
      'graphs.save': ({ graph, document, message }) => this.changed(store.saveGraph(graph, requireValid(document, `Cannot save '${graph}'`), message)),
      'graphs.rename': ({ graph, name }) => {
        store.renameGraph(graph, name);
        return this.changed(null);
      },
      'graphs.duplicate': ({ graph, name }) => this.changed(store.duplicateGraph(graph, name)),
      'graphs.delete': ({ graph }) => {
        store.deleteGraph(graph);
        return this.changed(null);
      },
      'graphs.revisions': ({ graph }) => store.listRevisions(graph),
      'graphs.restore': ({ graph, revision }) => this.changed(store.restoreRevision(graph, revision)),
      'graphs.export': ({ graph, revision }) => ({ text: serializeDocument(store.openGraph(graph, revision).document) }),
      'templates.list': () => store.listTemplates(),
      'templates.get': ({ name }) => {
        const seed = store.getTemplate(name);
        return { name: seed.name, description: seed.description, document: seed.document as PipelineDocument };
      },
      'drafts.save': ({ key, document }) => {
        store.saveDraft(key, document as object);
        return null;
      },
      'drafts.load': ({ key }) => store.loadDraft(key) ?? null,
      'drafts.clear': ({ key }) => {
        store.clearDraft(key);
        return null;
      },
      'documents.validate': ({ document }) => validationOf(document),
      'documents.import': ({ text }) => importText(text),
      'documents.export': ({ document }) => ({ text: exportText(document) }),
      'runs.start': ({ document, graphId }) => this.runs.start(document, graphId ?? null),
      'runs.stop': ({ runId }) => {
        this.runs.stop(runId);
        return null;
      },
      'runs.list': () => this.runs.list(),
      'elements.invoke': async ({ runId, element, method, args }) => {
        const object = this.runs.element(runId, element);
        // Object arguments may name elements by their document id, as a document's calls do.
        const engineArgs = withEngineIds(object.type, method, args ?? {}, this.runs.get(runId).objects);
        return { value: (await object.invoke(method, engineArgs)) ?? null };
      },
      'elements.getProperty': ({ runId, element, property }) => ({ value: this.runs.element(runId, element).getProperty(property) ?? null }),
      'elements.setProperty': ({ runId, element, property, value }) => {
        this.runs.element(runId, element).setProperty(property, value);
        return null;
      },
      'cameras.list': async () => await (this.options.listCameras ?? listCameras)(),
      'preview.offer': ({ runId, element, offer }, { connectionId }) => this.previews.open(runId, element, offer, connectionId),
      'preview.addIceCandidate': async ({ previewId, candidate }) => {
        await this.previews.addIceCandidate(previewId, candidate);
        return null;
      },
      'preview.close': ({ previewId }) => {
        this.previews.close(previewId);
        return null;
      },
      'events.recent': ({ limit }) => this.events.latest(limit),
    };
  }
}

