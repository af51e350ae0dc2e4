import { describe, expect, it } from 'vitest';
import type { MediaObject } from '../../engine/index.ts';
import { instantiateDocument, makeDocumentCalls } from './instantiate.ts';
import { exportPipeline } from './export.ts';
import type { DocumentElement, PipelineDocument } from './types.ts';
import { validateDocument } from './validate.ts';

function doc(elements: DocumentElement[]): PipelineDocument {
  return { format: 'fluo.pipeline', version: 1, metadata: { name: 'calls' }, elements, connections: [] };
}

const hubAndPorts: DocumentElement[] = [
  { id: 'hub', type: 'DispatcherOneToMany' },
  { id: 'in', type: 'HubPort', params: { hub: 'hub' } },
  { id: 'other', type: 'Composite' },
  { id: 'foreign', type: 'HubPort', params: { hub: 'other' } },
  { id: 'filter', type: 'FaceOverlayFilter' },
];

describe('document calls: validation', () => {
  it('accepts catalog methods with their arguments, object arguments naming elements', () => {
    const d = doc([...hubAndPorts]);
    d.elements[0]!.calls = [{ method: 'setSource', params: { source: 'in' } }];
    d.elements[4]!.calls = [{ method: 'setOverlayedImage', params: { uri: 'asset:hat.png', offsetXPercent: -0.35, offsetYPercent: -1.2, widthPercent: 1.6, heightPercent: 1.6 } }];
    expect(validateDocument(d)).toEqual([]);
  });

  it('reports each bad call with its path', () => {
    const d = doc([...hubAndPorts]);
    d.elements[0]!.calls = [
      { method: 'setSorce', params: { source: 'in' } },
      { method: 'connect' },
      { method: 'setSource', params: { source: 'nobody' } },
      { method: 'setSource', params: { source: 'filter' } },
      { method: 'setSource', params: { source: 'foreign' } },
      { method: 'setSource' },
    ];
    d.elements[4]!.calls = [{ method: 'setOverlayedImage', params: { uri: 'asset:hat.png', offsetXPercent: 'left' } }];
    const problems = validateDocument(d).map((p) => `${p.path}: ${p.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^\/elements\/0\/calls\/0\/method: .*has no method 'setSorce' a document can call \(did you mean 'setSource'\?\)/),
      expect.stringMatching(/^\/elements\/0\/calls\/1\/method: .*has no method 'connect' a document can call/),
      "/elements/0/calls/2/params/source: DispatcherOneToMany 'hub'.setSource: 'source' names no element of this document: 'nobody'",
      "/elements/0/calls/3/params/source: DispatcherOneToMany 'hub'.setSource: 'source' must be a HubPort, but 'filter' is a FaceOverlayFilter",
      "/elements/0/calls/4/params/source: DispatcherOneToMany 'hub'.setSource: 'foreign' is a port of 'other', not of this hub",
      "/elements/0/calls/5: DispatcherOneToMany 'hub'.setSource needs 'source' (the id of a HubPort)",
      expect.stringMatching(/^\/elements\/4\/calls\/0\/params\/offsetXPercent: 'offsetXPercent' must be a number, got 'left'/),
      "/elements/4/calls/0/params: FaceOverlayFilter 'filter'.setOverlayedImage needs 'offsetYPercent' (a number)",
      expect.stringMatching(/^\/elements\/4\/calls\/0\/params: .*needs 'widthPercent'/),
      expect.stringMatching(/^\/elements\/4\/calls\/0\/params: .*needs 'heightPercent'/),
    ]);
  });

  it("'calls' must be an array of objects", () => {
    const d = doc([{ id: 'f', type: 'FaceOverlayFilter', calls: 'setOverlayedImage' as never }]);
    expect(validateDocument(d)).toEqual([{ path: '/elements/0/calls', message: `FaceOverlayFilter 'f': 'calls' must be an array of {"method", "params"}, got 'setOverlayedImage'` }]);
  });
});

describe('document calls: running', () => {
  it('are made in order with element ids mapped to engine ids, failures reported and the rest still made', async () => {
    const d = doc([
      { id: 'hub', type: 'DispatcherOneToMany', calls: [{ method: 'setSource', params: { source: 'in' } }, { method: 'addTag', params: { key: 'after', value: 'setSource' } }] },
      { id: 'in', type: 'HubPort', params: { hub: 'hub' } },
      { id: 'filter', type: 'FaceOverlayFilter', calls: [{ method: 'setOverlayedImage', params: { uri: 'file:///nonexistent/hat.png', offsetXPercent: 0, offsetYPercent: 0, widthPercent: 1, heightPercent: 1 } }, { method: 'addTag', params: { key: 'still', value: 'made' } }] },
    ]);
    const pipeline = instantiateDocument(d);
    try {
      const objects = new Map<string, MediaObject>(pipeline.elements.map((o) => [o.name, o]));
      const failures: string[] = [];
      await makeDocumentCalls(d, objects, (id, method, error) => failures.push(`${id}.${method}: ${(error as Error).message}`));
      expect(failures).toEqual([expect.stringMatching(/^filter\.setOverlayedImage: .*nonexistent\/hat\.png/)]);
      expect(objects.get('hub')!.getTag('after')).toBe('setSource');
      expect(objects.get('filter')!.getTag('still')).toBe('made');
      // The calls survive a round trip through the running pipeline.
      expect(exportPipeline(pipeline).elements.map((e) => e.calls)).toEqual(d.elements.map((e) => e.calls));
    } finally {
      pipeline.release();
    }
  });
});
