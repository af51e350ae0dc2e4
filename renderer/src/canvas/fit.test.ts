import { describe, expect, it } from 'vitest';
import { catalogData } from '../../../app/studio/catalog-data.ts';
import type { PipelineDocument } from '../../../app/document/types.ts';
import { builtinTemplates } from '../../../app/templates/index.ts';
import { fittedViewport } from './fit.ts';
import { nodeGeometry } from './node-geometry.ts';

const specs = new Map(catalogData().elements.map((e) => [e.type, e]));

/** Each element's box on screen under a viewport. */
function screenBoxes(document: PipelineDocument, viewport: { x: number; y: number; zoom: number }) {
  return document.elements.map((e) => {
    const { width, height } = nodeGeometry(specs.get(e.type), false);
    const left = e.position!.x * viewport.zoom + viewport.x;
    const top = e.position!.y * viewport.zoom + viewport.y;
    return { left, top, right: left + width * viewport.zoom, bottom: top + height * viewport.zoom };
  });
}

describe('framing a graph before it is drawn', () => {
  it('puts every element of a small graph inside the pane', () => {
    for (const template of builtinTemplates()) {
      const document = template.document as PipelineDocument;
      const viewport = fittedViewport(document, specs, 900, 600);
      for (const box of screenBoxes(document, viewport)) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(900);
        expect(box.bottom).toBeLessThanOrEqual(600);
      }
    }
  });

  it('shows a big graph no smaller than half size, centred on it', () => {
    const elements = Array.from({ length: 500 }, (_, i) => ({ id: `p${i}`, type: 'PassThrough', position: { x: (i % 50) * 300, y: Math.floor(i / 50) * 200 } }));
    const document: PipelineDocument = { format: 'fluo.pipeline', version: 1, metadata: { name: 'big' }, elements, connections: [] };
    const viewport = fittedViewport(document, specs, 1000, 800);
    expect(viewport.zoom).toBe(0.5);
    const boxes = screenBoxes(document, viewport);
    const left = Math.min(...boxes.map((b) => b.left));
    const right = Math.max(...boxes.map((b) => b.right));
    expect((left + right) / 2).toBeCloseTo(500, 0);
  });

  it('keeps an empty graph at 100%', () => {
    const document: PipelineDocument = { format: 'fluo.pipeline', version: 1, metadata: { name: 'empty' }, elements: [], connections: [] };
    expect(fittedViewport(document, specs, 1000, 800)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});

describe('node geometry', () => {
  it('is computed once per element type (a 500-node graph has a handful), with and without a problem line', () => {
    const pass = specs.get('PassThrough')!;
    expect(nodeGeometry(pass, false)).toBe(nodeGeometry(pass, false));
    expect(nodeGeometry(pass, true)).toBe(nodeGeometry(pass, true));
    expect(nodeGeometry(pass, true).height).toBeGreaterThan(nodeGeometry(pass, false).height);
    expect(nodeGeometry(specs.get('RecorderEndpoint')!, false)).not.toBe(nodeGeometry(pass, false));
  });
});
