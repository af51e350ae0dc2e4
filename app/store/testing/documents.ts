/** Deterministic pipeline documents for the store's tests (shape: app/document/types.ts). */
import type { DocumentConnection, DocumentElement, PipelineDocument } from '../../document/types.ts';

/** The graph the kill-test writer saves to. */
export const KILL_TEST_GRAPH = 'kill test';

const TYPES = ['PlayerEndpoint', 'FaceOverlayFilter', 'WebRtcEndpoint', 'RecorderEndpoint', 'Composite', 'HubPort'];

/** A small, valid-looking document: `count` elements chained one after another. */
export function sampleDocument(name: string, count = 3): PipelineDocument {
  const elements: DocumentElement[] = Array.from({ length: count }, (_, i) => ({
    id: `e${i}`,
    type: TYPES[i % TYPES.length] ?? 'PassThrough',
    params: i === 0 ? { uri: 'file:///videos/sample.webm' } : {},
    position: { x: i * 160, y: 80 },
    label: `Élément ${i} — ✓`,
  }));
  const connections: DocumentConnection[] = elements.slice(1).map((element, i) => ({ from: `e${i}`, to: element.id }));
  return { format: 'fluo.pipeline', version: 1, metadata: { name }, elements, connections };
}

/**
 * The kill-test writer's document for revision n: fully determined by n and growing with it (about 1.5 KB more per
 * revision), so later saves span more and more database pages and a torn write would show.
 */
export function writerDocument(revision: number): PipelineDocument {
  const count = 4 + revision * 8;
  const elements: DocumentElement[] = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    type: TYPES[(i + revision) % TYPES.length] ?? 'PassThrough',
    params: { note: `revision ${revision} element ${i}`, weight: (i * 31 + revision) % 97 },
    position: { x: (i % 20) * 150, y: Math.floor(i / 20) * 120 },
  }));
  const connections = elements.slice(1).map((element, i) => ({ from: `n${i}`, to: element.id }));
  return { format: 'fluo.pipeline', version: 1, metadata: { name: 'kill test', revision }, elements, connections };
}
