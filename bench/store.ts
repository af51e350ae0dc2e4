/**
 * Store benchmark: median time to save (append a revision) and to load (open the latest revision) a 500-element
 * pipeline document in a temp SQLite file, through GraphStore as the app uses it. Target: each under 50 ms.
 * Run alone: npx tsx bench/store.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { DocumentConnection, DocumentElement, PipelineDocument } from '../app/document/types.ts';
import { GraphStore } from '../app/store/graph-store.ts';

const ELEMENTS = 500;
const RUNS = 40;
const WARMUP = 5;

/** A plausible big graph: endpoints, filters and hubs with params, properties and positions; a main chain plus branches. */
function pipelineDocument(count: number): PipelineDocument {
  const kinds: ((i: number) => Omit<DocumentElement, 'id' | 'position'>)[] = [
    (i) => ({ type: 'PlayerEndpoint', params: { uri: `file:///media/clip-${i}.webm`, useEncodedMedia: false }, label: `Clip ${i}` }),
    () => ({ type: 'WebRtcEndpoint', params: {}, properties: { maxVideoRecvBandwidth: 2000, minVideoSendBandwidth: 300 } }),
    () => ({ type: 'FaceOverlayFilter', params: {}, properties: { showDebugInfo: false } }),
    () => ({ type: 'GStreamerFilter', params: { command: 'videoflip method=horizontal-flip', filterType: 'VIDEO' } }),
    (i) => ({ type: 'RecorderEndpoint', params: { uri: `file:///recordings/out-${i}.webm`, mediaProfile: 'WEBM', stopOnEndOfStream: true } }),
    () => ({ type: 'ZBarFilter', params: {} }),
    () => ({ type: 'Composite', params: {} }),
    (i) => ({ type: 'HubPort', params: { hub: `e${i - (i % 8) + 6}` } }),
  ];
  const elements: DocumentElement[] = Array.from({ length: count }, (_, i) => ({
    id: `e${i}`,
    ...kinds[i % kinds.length]!(i),
    position: { x: (i % 25) * 220 + 0.5, y: Math.floor(i / 25) * 140 + 0.25 },
  }));
  const connections: DocumentConnection[] = [];
  for (let i = 1; i < count; i++) connections.push({ from: `e${i - 1}`, to: `e${i}`, mediaType: i % 3 === 0 ? 'AUDIO' : 'VIDEO' });
  // A few fan-outs so the document is not only a chain (~500 connections in all).
  for (let i = 0; connections.length < count + 10; i += 50) connections.push({ from: `e${i}`, to: `e${(i + 17) % count}`, fromPad: 'default', toPad: 'default' });
  return {
    format: 'fluo.pipeline',
    version: 1,
    metadata: { name: 'Benchmark graph', description: `${count} elements`, createdAt: new Date(0).toISOString() },
    elements,
    connections,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 1000) / 1000;
}

function timed(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export async function benchStore(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'fluo-bench-store-'));
  const store = GraphStore.open({ path: join(dir, 'bench.sqlite') });
  try {
    const document = pipelineDocument(ELEMENTS);
    const { graphId } = store.createGraph('Benchmark graph', document);
    // Each save carries a slightly different document, as real edits do.
    const edited = (run: number): PipelineDocument => ({ ...document, metadata: { ...document.metadata, updatedAt: new Date(run * 1000).toISOString() } });
    for (let run = 0; run < WARMUP; run++) {
      store.saveGraph(graphId, edited(run));
      store.openGraph(graphId);
    }
    const saves: number[] = [];
    const loads: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const next = edited(WARMUP + run);
      saves.push(timed(() => store.saveGraph(graphId, next)));
      loads.push(timed(() => store.openGraph(graphId)));
    }
    return {
      storeSave500Ms: median(saves),
      storeLoad500Ms: median(loads),
      storeDocument500Bytes: Buffer.byteLength(JSON.stringify(document)),
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchStore(), null, 2));
}
