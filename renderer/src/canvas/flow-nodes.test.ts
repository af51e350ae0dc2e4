import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../app/document/types.ts';
import { catalogData } from '../../../app/studio/catalog-data.ts';
import { moveElements } from '../editor/document-ops.ts';
import { flowNodes, withoutComputedHandles, type NodeInputs } from './flow-nodes.ts';

const specs = new Map(catalogData().elements.map((e) => [e.type, e]));
const none: NodeInputs = { specs, states: new Map(), problems: new Map(), previews: new Map(), stats: new Map() };
const document: PipelineDocument = {
  format: 'fluo.pipeline',
  version: 1,
  metadata: { name: 'chain' },
  elements: [
    { id: 'pattern', type: 'TestPatternEndpoint', position: { x: 0, y: 0 } },
    { id: 'pass', type: 'PassThrough', position: { x: 300, y: 0 } },
  ],
  connections: [{ from: 'pattern', to: 'pass' }],
};

describe('canvas nodes', () => {
  it('come with a computed size and handles for every pad and media type', () => {
    const [pattern, pass] = flowNodes([], document, none);
    expect(pattern!.measured).toEqual({ width: 210, height: expect.any(Number) });
    expect(pattern!.handles!.every((h) => h.type === 'source')).toBe(true);
    expect(pass!.handles!.map((h) => `${h.type} ${h.id}`).sort()).toEqual(
      ['default|*', 'default|AUDIO', 'default|DATA', 'default|VIDEO'].flatMap((id) => [`source ${id}`, `target ${id}`]).sort(),
    );
  });

  it('keep their objects when nothing of theirs changed, and only then', () => {
    const first = flowNodes([], document, none);
    const again = flowNodes(first, { ...document }, { ...none, problems: new Map() });
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);

    const running = flowNodes(first, document, { ...none, states: new Map([['pass', { state: 'flowing' }]]) });
    expect(running[0]).toBe(first[0]);
    expect(running[1]).not.toBe(first[1]);
    expect(running[1]!.data.state).toBe('flowing');

    const moved = flowNodes(running, moveElements(document, new Map([['pattern', { x: 40, y: 60 }]])), { ...none, states: new Map([['pass', { state: 'flowing' }]]) });
    expect(moved[0]!.position).toEqual({ x: 40, y: 60 });
    expect(moved[1]).toBe(running[1]);
  });

  it('drop the computed handles once React Flow measured the drawn node', () => {
    const nodes = flowNodes([], document, none);
    const measured = withoutComputedHandles(nodes, [{ type: 'dimensions', id: 'pass', dimensions: { width: 210, height: 200 } }]);
    expect(measured[0]).toBe(nodes[0]);
    expect(measured[1]!.handles).toBeUndefined();
  });
});
