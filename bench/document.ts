/**
 * Pipeline documents at scale: a 500-element conference-style document read and validated from
 * text (what `fluo validate` does), instantiated into a running MediaPipeline, and exported back
 * to canonical text. Median milliseconds of each.
 */
import { performance } from 'node:perf_hooks';
import { exportPipeline, instantiateDocument } from '../app/document/instantiate.ts';
import { serializeDocument } from '../app/document/serialize.ts';
import type { DocumentConnection, DocumentElement, PipelineDocument } from '../app/document/types.ts';
import { readDocument } from '../app/document/validate.ts';

const RUNS = 15;

/** One Composite, two test patterns on ports, 99 participants of five elements each: 500 elements. */
export function conferenceDocument(participants = 99): PipelineDocument {
  const elements: DocumentElement[] = [{ id: 'room', type: 'Composite', position: { x: 0, y: 0 } }];
  const connections: DocumentConnection[] = [];
  for (let i = 0; i < 2; i++) {
    elements.push({ id: `pattern${i}`, type: 'TestPatternEndpoint', params: { pattern: 'SOLID_COLOR', color: `#${(i * 40 + 16).toString(16)}8040` } });
    elements.push({ id: `patternPort${i}`, type: 'HubPort', params: { hub: 'room' } });
    connections.push({ from: `pattern${i}`, to: `patternPort${i}` });
  }
  for (let i = 0; i < participants; i++) {
    const at = (column: number): { x: number; y: number } => ({ x: column * 240, y: 100 + i * 120 });
    elements.push(
      { id: `webrtc${i}`, type: 'WebRtcEndpoint', label: `Participant ${i}`, properties: { maxVideoSendBandwidth: 1000 }, position: at(0) },
      { id: `blur${i}`, type: 'FaceBlurFilter', params: { mode: 'PIXELATE' }, position: at(1) },
      { id: `port${i}`, type: 'HubPort', params: { hub: 'room' }, position: at(2) },
      { id: `recorder${i}`, type: 'RecorderEndpoint', params: { uri: `file:///tmp/participant-${i}.webm` }, position: at(3) },
      { id: `pass${i}`, type: 'PassThrough', position: at(4) },
    );
    connections.push(
      { from: `webrtc${i}`, to: `blur${i}` },
      { from: `blur${i}`, to: `port${i}` },
      { from: `port${i}`, to: `pass${i}` },
      { from: `pass${i}`, to: `webrtc${i}` },
      { from: `webrtc${i}`, to: `recorder${i}`, mediaType: 'VIDEO' },
    );
  }
  return { format: 'fluo.pipeline', version: 1, metadata: { name: 'Bench conference' }, elements, connections };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number(sorted[Math.floor(sorted.length / 2)]!.toFixed(2));
}

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export async function benchDocument(): Promise<Record<string, number>> {
  const document = conferenceDocument();
  if (document.elements.length !== 500) throw new Error(`bench document has ${document.elements.length} elements, not 500`);
  const text = serializeDocument(document);
  const validate: number[] = [];
  const instantiate: number[] = [];
  const exported: number[] = [];
  for (let run = 0; run < RUNS + 2; run++) {
    let problems = 0;
    const v = time(() => (problems = readDocument(text).problems.length));
    if (problems > 0) throw new Error(`bench document is invalid (${problems} problems)`);
    let pipeline = undefined as ReturnType<typeof instantiateDocument> | undefined;
    const i = time(() => (pipeline = instantiateDocument(document)));
    let out = '';
    const e = time(() => (out = serializeDocument(exportPipeline(pipeline!))));
    pipeline!.release();
    if (out !== text) throw new Error('export of the bench document differs from the document');
    if (run >= 2) {
      // the first two runs warm the JIT
      validate.push(v);
      instantiate.push(i);
      exported.push(e);
    }
  }
  return {
    documentValidate500Ms: median(validate),
    documentInstantiate500Ms: median(instantiate),
    documentExport500Ms: median(exported),
  };
}
