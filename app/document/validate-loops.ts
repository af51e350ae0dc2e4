/**
 * Finds connections that would feed media back into itself. Per media type, media enters an
 * element's sink and, if the element passes its input on (filters, PassThrough, and a HubPort
 * through its hub to every port of that hub), leaves on its source. An endpoint breaks the
 * chain: what it sends out comes from the remote peer or a file, not from what it receives,
 * so a WebRtcEndpoint looped onto itself (Kurento's Hello World) is fine.
 */
import { MEDIA_TYPES, type MediaType } from '../../engine/index.ts';
import { factsOf } from './catalog-facts.ts';
import type { DocumentProblem } from './types.ts';
import type { KnownElement } from './validate-elements.ts';
import type { ResolvedConnection } from './validate-connections.ts';

interface Edge {
  to: string;
  /** Set when the edge is a document connection (not media crossing an element). */
  connection?: ResolvedConnection;
}

export function checkMediaLoops(elements: Iterable<KnownElement>, connections: ResolvedConnection[]): DocumentProblem[] {
  const loops = new Map<string, { first: ResolvedConnection; types: MediaType[]; route: string[] }>();
  const list = [...elements];
  for (const type of MEDIA_TYPES) {
    const graph = mediaGraph(list, connections, type);
    for (const component of stronglyConnected(graph)) {
      const inside = new Set(component);
      const closing = component
        .flatMap((node) => (graph.get(node) ?? []).filter((e) => e.connection && inside.has(e.to)).map((e) => e.connection!))
        .sort((a, b) => a.index - b.index)[0];
      if (!closing) continue;
      const route = routeBack(graph, inside, closing);
      const key = route.join('>');
      const loop = loops.get(key) ?? { first: closing, types: [], route };
      loop.types.push(type);
      loops.set(key, loop);
    }
  }
  return [...loops.values()]
    .sort((a, b) => a.first.index - b.first.index)
    .map(({ first, types, route }) => ({
      path: `/connections/${first.index}`,
      message: `This connection feeds ${types.join(' and ')} back into itself (${route.map((id) => `'${id}'`).join(' → ')}); media would loop forever`,
    }));
}

/** Nodes: `in:<id>` and `out:<id>` per element, `hub:<id>` per hub; edges carry media of `type`. */
function mediaGraph(elements: KnownElement[], connections: ResolvedConnection[], type: MediaType): Map<string, Edge[]> {
  const graph = new Map<string, Edge[]>();
  const add = (from: string, edge: Edge): void => {
    const edges = graph.get(from);
    if (edges) edges.push(edge);
    else graph.set(from, [edge]);
  };
  for (const c of connections) if (c.mediaTypes.includes(type)) add(`out:${c.from.id}`, { to: `in:${c.to.id}`, connection: c });
  for (const element of elements) {
    const category = factsOf(element.type).category;
    if (element.type === 'HubPort') {
      if (!element.hub) continue;
      add(`in:${element.id}`, { to: `hub:${element.hub}` });
      add(`hub:${element.hub}`, { to: `out:${element.id}` });
    } else if (category !== 'endpoint' && category !== 'hub' && passes(element.type, type)) {
      add(`in:${element.id}`, { to: `out:${element.id}` });
    }
  }
  return graph;
}

function passes(elementType: string, type: MediaType): boolean {
  const { sources, sinks } = factsOf(elementType).pads;
  return sources.some((p) => p.mediaTypes.includes(type)) && sinks.some((p) => p.mediaTypes.includes(type));
}

/** Element ids along one loop through `closing`, starting and ending at its source. */
function routeBack(graph: Map<string, Edge[]>, inside: Set<string>, closing: ResolvedConnection): string[] {
  const start = `in:${closing.to.id}`;
  const goal = `out:${closing.from.id}`;
  const previous = new Map<string, string>([[start, start]]);
  const queue = [start];
  while (queue.length > 0 && !previous.has(goal)) {
    const node = queue.shift()!;
    for (const edge of graph.get(node) ?? []) {
      if (inside.has(edge.to) && !previous.has(edge.to)) {
        previous.set(edge.to, node);
        queue.push(edge.to);
      }
    }
  }
  const nodes: string[] = [];
  for (let node = goal; ; node = previous.get(node)!) {
    nodes.unshift(node);
    if (node === start || !previous.has(node)) break;
  }
  const ids = [closing.from.id];
  for (const node of nodes) {
    const id = node.slice(node.indexOf(':') + 1);
    if (ids[ids.length - 1] !== id) ids.push(id);
  }
  if (ids[ids.length - 1] !== closing.from.id) ids.push(closing.from.id);
  else if (ids.length === 1) ids.push(closing.from.id);
  return ids;
}

/** Tarjan's algorithm, iterative; yields components that contain a cycle. */
function stronglyConnected(graph: Map<string, Edge[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  let counter = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++]!.to;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let node: string;
      do {
        node = stack.pop()!;
        onStack.delete(node);
        component.push(node);
      } while (node !== frame.node);
      const selfLoop = component.length === 1 && edges.some((e) => e.to === frame.node);
      if (component.length > 1 || selfLoop) result.push(component);
    }
  }
  return result;
}
