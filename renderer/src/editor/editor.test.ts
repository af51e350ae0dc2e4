import { describe, expect, it } from 'vitest';
import { serializeDocument } from '../../../app/document/serialize.ts';
import type { PipelineDocument } from '../../../app/document/types.ts';
import { validateDocument } from '../../../app/document/validate.ts';
import { builtinTemplates } from '../../../app/templates/index.ts';
import { wireFrom } from '../canvas/canvas.tsx';
import { addConnection, autoLayout, cloneItems, moveElements, newElementId, removeItems, setElementValue, setLabel } from './document-ops.ts';
import { applyEdit, EMPTY_HISTORY, redoState, undoState, type HistoryState } from './history.ts';
import { problemOnNode } from '../canvas/element-node.tsx';
import { problemsOf } from './problems.ts';
import { describeData } from './use-run.ts';
import { commandFor } from './shortcuts.ts';
import { wireProblem } from './wire-check.ts';

function template(name: string): PipelineDocument {
  return builtinTemplates().find((t) => t.name === name)!.document as PipelineDocument;
}

describe('editor document edits', () => {
  it('undo over 20 edits returns the same document, redo returns the edited one, byte for byte', () => {
    const start = template('Magic Mirror');
    let state: HistoryState = { ...EMPTY_HISTORY, present: start };
    const edits: ((d: PipelineDocument) => PipelineDocument)[] = [];
    for (let i = 0; i < 20; i++) {
      const kind = i % 4;
      if (kind === 0) edits.push((d) => ({ ...d, elements: [...d.elements, { id: newElementId(d, 'PassThrough'), type: 'PassThrough', position: { x: i * 20, y: 300 } }] }));
      if (kind === 1) edits.push((d) => moveElements(d, new Map([['webrtc', { x: i * 10, y: i * 5 }]])));
      if (kind === 2) edits.push((d) => setLabel(d, 'faceOverlay', `Overlay ${i}`));
      if (kind === 3) edits.push((d) => setElementValue(d, 'webrtc', 'properties', 'stunServerPort', 3478 + i));
    }
    for (const edit of edits) state = applyEdit(state, edit);
    const edited = serializeDocument(state.present);
    expect(state.past).toHaveLength(20);
    for (let i = 0; i < 20; i++) state = undoState(state);
    expect(serializeDocument(state.present)).toBe(serializeDocument(start));
    expect(undoState(state)).toBe(state);
    for (let i = 0; i < 20; i++) state = redoState(state);
    expect(serializeDocument(state.present)).toBe(edited);
    expect(validateDocument(state.present)).toEqual([]);
  });

  it('an edit after undo drops the redo stack; a no-op edit is not recorded', () => {
    let state: HistoryState = { ...EMPTY_HISTORY, present: template('Hello World loopback') };
    state = applyEdit(state, (d) => setLabel(d, 'webrtc', 'A'));
    state = undoState(state);
    state = applyEdit(state, (d) => setLabel(d, 'webrtc', 'B'));
    expect(state.future).toEqual([]);
    expect(applyEdit(state, (d) => d)).toBe(state);
  });

  it('typing into one field is one undo step; another field or a pause starts a new one', () => {
    let state: HistoryState = { ...EMPTY_HISTORY, present: template('Hello World loopback') };
    for (const [i, text] of ['B', 'Br', 'Bro'].entries()) state = applyEdit(state, (d) => setLabel(d, 'webrtc', text), 'webrtc/label', 1000 + i * 200);
    expect(state.past).toHaveLength(1);
    state = applyEdit(state, (d) => setLabel(d, 'webrtc', 'Brow'), 'webrtc/label', 1400 + 5000);
    expect(state.past).toHaveLength(2);
    state = applyEdit(state, (d) => setElementValue(d, 'webrtc', 'params', 'recvonly', true), 'webrtc/params/recvonly', 6500);
    expect(state.past).toHaveLength(3);
    state = undoState(undoState(state));
    expect(state.present?.elements[0]?.label).toBe('Bro');
  });

  it('copies elements with the wires among them under fresh ids, keeping HubPorts on a hub', () => {
    const doc = template('One-to-many broadcast');
    const hub = doc.elements.find((e) => e.type === 'DispatcherOneToMany')!;
    const port = doc.elements.find((e) => e.type === 'HubPort')!;
    const { document: pasted, ids } = cloneItems(doc, [port], [], { x: 40, y: 40 });
    const copy = pasted.elements.find((e) => e.id === ids[0])!;
    expect(copy.params).toEqual({ ...port.params, hub: hub.id });
    expect(copy.position).toEqual({ x: port.position!.x + 40, y: port.position!.y + 40 });
    // Into a graph without that hub, a HubPort has nothing to belong to and is left out.
    expect(cloneItems(template('Hello World loopback'), [port], [], { x: 0, y: 0 }).ids).toEqual([]);
    const mirror = template('Magic Mirror');
    const twice = cloneItems(mirror, mirror.elements, mirror.connections, { x: 0, y: 200 });
    expect(twice.ids).toEqual(['webRtcEndpoint', 'faceOverlayFilter']);
    expect(twice.document.connections.slice(2)).toEqual([
      { from: 'webRtcEndpoint', to: 'faceOverlayFilter' },
      { from: 'faceOverlayFilter', to: 'webRtcEndpoint' },
    ]);
    expect(validateDocument(twice.document)).toEqual([]);
  });

  it('deleting a hub deletes its ports and every wire touching them', () => {
    const doc = template('One-to-many broadcast');
    const hub = doc.elements.find((e) => e.type === 'DispatcherOneToMany')!;
    const after = removeItems(doc, new Set([hub.id]), new Set());
    expect(after.elements.some((e) => e.type === 'HubPort' || e.id === hub.id)).toBe(false);
    expect(validateDocument(after)).toEqual([]);
  });

  it('auto-layout places sources left of what they feed', () => {
    const laid = autoLayout(template('Recorder'));
    const x = (id: string) => laid.elements.find((e) => e.id === id)!.position!.x;
    const first = laid.connections.find((c) => c.from !== c.to)!;
    expect(x(first.to)).toBeGreaterThan(x(first.from));
  });
});

describe('wires', () => {
  it('turns handles into a document connection, refusing mismatched media handles', () => {
    expect(wireFrom({ source: 'a', sourceHandle: 'default|VIDEO', target: 'b', targetHandle: 'default|*' })).toEqual({ from: 'a', to: 'b', mediaType: 'VIDEO' });
    expect(wireFrom({ source: 'a', sourceHandle: 'default|*', target: 'b', targetHandle: 'default|*' })).toEqual({ from: 'a', to: 'b' });
    expect(wireFrom({ source: 'a', sourceHandle: 'default|AUDIO', target: 'b', targetHandle: 'default|VIDEO' })).toBe('A AUDIO output cannot feed a VIDEO input');
  });

  it("judges a wire by app/document's validator, counting only the problems it adds", () => {
    const doc = template('Magic Mirror');
    expect(wireProblem(doc, { from: 'faceOverlay', to: 'webrtc' })).toMatch(/^Duplicate connection/);
    const withFilter = { ...doc, elements: [...doc.elements, { id: 'blur', type: 'FaceBlurFilter' }] };
    expect(wireProblem(withFilter, { from: 'faceOverlay', to: 'blur' })).toBeUndefined();
    expect(wireProblem(withFilter, { from: 'blur', to: 'faceOverlay' })).toMatch(/already receives/);
    const twoFilters = { ...withFilter, elements: [...withFilter.elements, { id: 'blur2', type: 'FaceBlurFilter' }] };
    const looped = addConnection(twoFilters, { from: 'blur', to: 'blur2' });
    expect(wireProblem(looped, { from: 'blur2', to: 'blur' })).toMatch(/loop/);
    expect(wireProblem(withFilter, { from: 'blur', to: 'faceOverlay', mediaType: 'DATA' })).toMatch(/DATA/);
  });
});

describe('shortcuts', () => {
  const key = (k: string, mods: { ctrl?: boolean; shift?: boolean; meta?: boolean } = {}) => ({ key: k, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift });
  it('maps keys to the commands the help overlay lists, graph commands only while a graph is open', () => {
    expect(commandFor(key('z', { ctrl: true }), true)).toBe('edit.undo');
    expect(commandFor(key('Z', { ctrl: true, shift: true }), true)).toBe('edit.redo');
    expect(commandFor(key('s', { meta: true }), true)).toBe('file.save');
    expect(commandFor(key('Enter', { ctrl: true }), true)).toBe('run.toggle');
    expect(commandFor(key('f'), true)).toBe('view.fitView');
    expect(commandFor(key('?', { shift: true }), false)).toBe('help.shortcuts');
    expect(commandFor(key('s', { ctrl: true }), false)).toBeUndefined();
    expect(commandFor(key('x'), true)).toBeUndefined();
  });
});

describe('problems', () => {
  it("lists each problem on its element, a wire's problem on the element it feeds", () => {
    const document: PipelineDocument = {
      format: 'fluo.pipeline',
      version: 1,
      metadata: { name: 'two problems' },
      elements: [
        { id: 'rec', type: 'RecorderEndpoint' },
        { id: 'pattern', type: 'TestPatternEndpoint' },
      ],
      connections: [{ from: 'rec', to: 'pattern' }],
    };
    const { problems, byElement } = problemsOf(document);
    expect(problems.map((p) => p.path)).toEqual(['/elements/0', '/connections/0/from', '/connections/0/to']);
    expect(byElement.get('rec')).toEqual([expect.stringContaining("needs 'uri'")]);
    expect(byElement.get('pattern')).toEqual([expect.stringContaining('only receives media'), expect.stringContaining('only produces media')]);
  });
});

describe('what nodes and the event log say', () => {
  it("drops the element's own type and id from a problem shown on its node, and only its own", () => {
    const rec = { id: 'rec', type: 'RecorderEndpoint' };
    expect(problemOnNode("RecorderEndpoint 'rec' needs 'uri' (a string)", rec)).toBe("Needs 'uri' (a string)");
    expect(problemOnNode("PlayerEndpoint 'player': file not found: /x.webm", { id: 'player', type: 'PlayerEndpoint' })).toBe('File not found: /x.webm');
    expect(problemOnNode("'rec' (RecorderEndpoint) only receives media: nothing can be connected from it", rec)).toBe('Only receives media: nothing can be connected from it');
    expect(problemOnNode("'other' (RecorderEndpoint) only receives media", rec)).toBe("'other' (RecorderEndpoint) only receives media");
  });

  it('writes event data as key: value pairs, nested objects flattened', () => {
    expect(describeData({})).toBe('');
    expect(describeData({ state: 'FLOWING', padName: 'default', mediaType: 'VIDEO' })).toBe('state: FLOWING · padName: default · mediaType: VIDEO');
    expect(describeData({ candidate: { candidate: 'candidate:1 1 udp', sdpMLineIndex: 0 }, tags: ['a'] })).toBe('candidate: candidate:1 1 udp · sdpMLineIndex: 0 · tags: ["a"]');
    expect(describeData({ text: 'x'.repeat(400) }).length).toBe(301);
  });
});
