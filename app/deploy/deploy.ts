/**
 * Builds a pipeline document on a Kurento Protocol server through the protocol alone: the
 * pipeline, then its elements (hubs before their ports), their properties, their connections,
 * then the document's method calls.
 * Each object is named after its document id (setName), so it can be recognised on the server.
 * Kurento's `transaction` stops at the first failure without undoing anything, so plain
 * requests are used and a failure releases the pipeline, which releases everything in it.
 */
import { allMethods, getClass, isFluoOnly } from '../../engine/index.ts';
import type { DocumentElement, PipelineDocument } from '../document/types.ts';
import { KurentoConnectionError, type KurentoClient } from './kurento-client.ts';

export interface FluoOnlyElement {
  /** Document element id. */
  id: string;
  type: string;
}

/** Elements no Kurento Media Server has (catalog module `fluo`), in document order. */
export function fluoOnlyElements(document: PipelineDocument): FluoOnlyElement[] {
  return document.elements.filter((e) => isFluoOnly(e.type)).map(({ id, type }) => ({ id, type }));
}

export interface DeployedElement {
  /** Document element id. */
  id: string;
  type: string;
  /** The server's object id. */
  objectId: string;
}

export interface Deployment {
  url: string;
  sessionId: string;
  pipelineId: string;
  elements: DeployedElement[];
  connections: number;
}

/** A step of the build failed; the pipeline was released (or could not be, see `leftBehind`). */
export class DeployError extends Error {
  constructor(
    message: string,
    /** The pipeline id when releasing it failed too: it stays until the server drops the session. */
    readonly leftBehind?: string,
  ) {
    super(message);
  }
}

export async function deployDocument(client: KurentoClient, document: PipelineDocument): Promise<Deployment> {
  const pipelineId = await step('creating the MediaPipeline', () => client.create('MediaPipeline', {}));
  const elements: DeployedElement[] = [];
  try {
    await step('naming the pipeline', () => client.invoke(pipelineId, 'setName', { name: document.metadata.name }));
    const objectIds = new Map<string, string>();
    // Hubs first: a HubPort is created on its hub, wherever the document lists it.
    const hubsFirst = [...document.elements].sort((a, b) => Number(b.type !== 'HubPort') - Number(a.type !== 'HubPort'));
    for (const element of hubsFirst) {
      const objectId = await createElement(client, element, pipelineId, objectIds);
      objectIds.set(element.id, objectId);
      elements.push({ id: element.id, type: element.type, objectId });
    }
    for (const c of document.connections) {
      const params = {
        sink: objectIds.get(c.to),
        ...(c.mediaType !== undefined && { mediaType: c.mediaType }),
        ...(c.fromPad !== undefined && { sourceMediaDescription: c.fromPad }),
        ...(c.toPad !== undefined && { sinkMediaDescription: c.toPad }),
      };
      await step(`connecting '${c.from}' → '${c.to}'${c.mediaType ? ` (${c.mediaType})` : ''}`, () => client.invoke(objectIds.get(c.from)!, 'connect', params));
    }
    for (const element of document.elements) {
      for (const call of element.calls ?? []) {
        const spec = allMethods(element.type).find((m) => m.name === call.method);
        // Object arguments name document elements; the server knows them by their object ids.
        const params = Object.fromEntries(
          Object.entries(call.params ?? {}).map(([name, value]) => [
            name,
            spec?.params.find((p) => p.name === name)?.type.kind === 'object' ? (objectIds.get(String(value)) ?? value) : value,
          ]),
        );
        await step(`calling ${call.method} on '${element.id}'`, () => client.invoke(objectIds.get(element.id)!, call.method, params));
      }
    }
  } catch (error) {
    throw await releaseAfter(client, pipelineId, error as Error);
  }
  const order = new Map(document.elements.map((e, i) => [e.id, i]));
  elements.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { url: client.url, sessionId: client.sessionId ?? '', pipelineId, elements, connections: document.connections.length };
}

async function createElement(client: KurentoClient, element: DocumentElement, pipelineId: string, objectIds: Map<string, string>): Promise<string> {
  const what = `'${element.id}' (${element.type})`;
  const params: Record<string, unknown> = { ...element.params };
  // Remote-object params go as ids: the pipeline, or the hub a HubPort names by document id.
  for (const param of getClass(element.type).constructorParams ?? []) {
    if (param.type.kind !== 'object') continue;
    params[param.name] = param.type.className === 'MediaPipeline' ? pipelineId : objectIds.get(String(params[param.name]));
  }
  const objectId = await step(`creating ${what}`, () => client.create(element.type, params));
  await step(`naming ${what}`, () => client.invoke(objectId, 'setName', { name: element.id }));
  for (const [name, value] of Object.entries(element.properties ?? {})) {
    const setter = `set${name[0]!.toUpperCase()}${name.slice(1)}`;
    await step(`setting ${name} of ${what}`, () => client.invoke(objectId, setter, { [name]: value }));
  }
  return objectId;
}

/** Runs one request; a failure says which step it was. */
async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new DeployError(`${what}: ${(error as Error).message}`);
  }
}

async function releaseAfter(client: KurentoClient, pipelineId: string, error: Error): Promise<DeployError> {
  try {
    await client.release(pipelineId);
    return new DeployError(`${error.message}\nThe half-built pipeline ${pipelineId} was released; nothing was left on the server.`);
  } catch (releaseError) {
    const why = releaseError instanceof KurentoConnectionError ? 'the connection is gone' : (releaseError as Error).message;
    return new DeployError(
      `${error.message}\nThe half-built pipeline ${pipelineId} could not be released (${why}); the server drops it when the session expires.`,
      pipelineId,
    );
  }
}
