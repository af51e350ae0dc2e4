import { describe, expect, it } from 'vitest';
import { exportPipeline, instantiateDocument } from '../document/instantiate.ts';
import type { PipelineDocument } from '../document/types.ts';
import { validateDocument } from '../document/validate.ts';
import { builtinTemplates } from './index.ts';

const templates = builtinTemplates();
const documentOf = (name: string): PipelineDocument => templates.find((t) => t.name === name)!.document as PipelineDocument;

describe('builtinTemplates', () => {
  it('offers the six classic Kurento graphs', () => {
    expect(templates.map((t) => t.name)).toEqual(['Hello World loopback', 'Magic Mirror', 'Recorder', 'Player', 'One-to-many broadcast', 'Composite grid']);
  });

  it.each(templates.map((t) => [t.name, t] as const))('%s is a valid document that round-trips through a running pipeline', (_name, template) => {
    const document = template.document as PipelineDocument;
    expect(validateDocument(document)).toEqual([]);
    expect(document.metadata.name).toBe(template.name);
    const pipeline = instantiateDocument(document);
    expect(exportPipeline(pipeline)).toEqual(document);
    pipeline.release();
  });

  it('places every node, without two on the same spot', () => {
    for (const template of templates) {
      const spots = (template.document as PipelineDocument).elements.map((e) => `${e.position?.x},${e.position?.y}`);
      expect(spots.every((s) => s !== 'undefined,undefined')).toBe(true);
      expect(new Set(spots).size).toBe(spots.length);
    }
  });

  it('wires the graphs the tutorials describe', () => {
    expect(documentOf('Hello World loopback').connections).toEqual([{ from: 'webrtc', to: 'webrtc' }]);
    expect(documentOf('Magic Mirror').connections).toEqual([
      { from: 'webrtc', to: 'faceOverlay' },
      { from: 'faceOverlay', to: 'webrtc' },
    ]);
    const grid = documentOf('Composite grid');
    const colours = grid.elements.filter((e) => e.type === 'TestPatternEndpoint').map((e) => e.params?.color);
    expect(new Set(colours).size).toBe(4);
    expect(grid.elements.filter((e) => e.type === 'HubPort').every((e) => e.params?.hub === 'composite')).toBe(true);
    const broadcast = documentOf('One-to-many broadcast');
    expect(broadcast.elements.find((e) => e.id === 'broadcast')?.type).toBe('DispatcherOneToMany');
  });

  it('hands out copies: editing one does not change the next', () => {
    (builtinTemplates()[0]!.document as PipelineDocument).elements.length = 0;
    expect((builtinTemplates()[0]!.document as PipelineDocument).elements).toHaveLength(1);
  });
});
