/**
 * Documents ↔ running pipelines. A document becomes a MediaPipeline whose objects keep what
 * the engine itself has no place for (document id as the element's name; label, position and
 * constructor params as `fluo.*` tags, Kurento's own key/value mechanism), so that a running
 * pipeline, even after live edits, exports back to a document.
 */
import { allMethods, MediaElement, MediaPipeline, type MediaObject, type MediaType } from '../../engine/index.ts';
import { TAGS } from './tags.ts';
import type { DocumentConnection, DocumentProblem, PipelineDocument } from './types.ts';
import { validateDocument } from './validate.ts';

export { exportPipeline } from './export.ts';

export class InvalidDocumentError extends Error {
  constructor(readonly problems: DocumentProblem[]) {
    super(`Invalid pipeline document: ${problems.map((p) => `${p.path || '(document)'}: ${p.message}`).join('; ')}`);
  }
}

/** Validates, then builds the pipeline; on any failure nothing is left running. */
export function instantiateDocument(document: PipelineDocument): MediaPipeline {
  const problems = validateDocument(document);
  if (problems.length > 0) throw new InvalidDocumentError(problems);
  const pipeline = new MediaPipeline();
  try {
    build(pipeline, document);
  } catch (error) {
    pipeline.release();
    throw error;
  }
  return pipeline;
}

function build(pipeline: MediaPipeline, document: PipelineDocument): void {
  pipeline.name = document.metadata.name;
  pipeline.addTag(TAGS.metadata, JSON.stringify(document.metadata));
  pipeline.addTag(TAGS.order, JSON.stringify(document.elements.map((e) => e.id)));
  pipeline.addTag(TAGS.connections, JSON.stringify(document.connections));
  const byId = new Map<string, MediaObject>();
  // Hubs first: a HubPort is created on its hub, wherever the document lists it.
  const hubsFirst = [...document.elements].sort((a, b) => Number(b.type !== 'HubPort') - Number(a.type !== 'HubPort'));
  for (const element of hubsFirst) {
    const { hub, ...own } = element.params ?? {};
    const params = element.type === 'HubPort' ? { ...own, hub: byId.get(hub as string) } : own;
    const object = pipeline.create(element.type, params);
    object.name = element.id;
    if (element.label !== undefined) object.addTag(TAGS.label, element.label);
    if (element.position) object.addTag(TAGS.position, JSON.stringify({ x: element.position.x, y: element.position.y }));
    if (element.params !== undefined) object.addTag(TAGS.params, JSON.stringify(own));
    if (element.calls !== undefined) object.addTag(TAGS.calls, JSON.stringify(element.calls));
    if (element.properties !== undefined) {
      object.addTag(TAGS.properties, JSON.stringify(Object.keys(element.properties)));
      for (const [name, value] of Object.entries(element.properties)) object.setProperty(name, value);
    }
    byId.set(element.id, object);
  }
  for (const c of document.connections) connect(byId, c);
}

/**
 * Makes the document's method calls on a pipeline built by instantiateDocument, in document
 * order; object arguments (element ids) become the engine's ids. A failing call is reported
 * and the others still run, as a person expects from a graph that mostly works.
 */
export async function makeDocumentCalls(
  document: PipelineDocument,
  objects: Map<string, MediaObject>,
  onFailure: (elementId: string, method: string, error: unknown) => void,
): Promise<void> {
  for (const element of document.elements) {
    const object = objects.get(element.id);
    if (!object) continue;
    for (const call of element.calls ?? []) {
      try {
        await object.invoke(call.method, withEngineIds(element.type, call.method, call.params ?? {}, objects));
      } catch (error) {
        onFailure(element.id, call.method, error);
      }
    }
  }
}

/** A method's arguments with object arguments that name document elements turned into engine ids. */
export function withEngineIds(type: string, method: string, params: Record<string, unknown>, objects: Map<string, MediaObject>): Record<string, unknown> {
  const spec = allMethods(type).find((m) => m.name === method);
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      const isReference = spec?.params.find((p) => p.name === name)?.type.kind === 'object';
      return [name, isReference && typeof value === 'string' ? (objects.get(value)?.id ?? value) : value];
    }),
  );
}

function connect(byId: Map<string, MediaObject>, c: DocumentConnection): void {
  const source = byId.get(c.from);
  const sink = byId.get(c.to);
  if (!(source instanceof MediaElement) || !(sink instanceof MediaElement)) throw new Error(`Connection ${c.from} → ${c.to}: both ends must be media elements`);
  source.connect(sink, c.mediaType as MediaType | undefined, c.fromPad ?? 'default', c.toPad ?? 'default');
}
