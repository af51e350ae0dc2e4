import { describe, expect, it } from 'vitest';
import { HubPort, MediaElement, MediaError, type MediaPipeline } from '../../engine/index.ts';
import { exportPipeline, instantiateDocument, InvalidDocumentError } from './instantiate.ts';
import { serializeDocument } from './serialize.ts';
import type { PipelineDocument } from './types.ts';
import { validateDocument } from './validate.ts';

function conference(): PipelineDocument {
  return {
    format: 'fluo.pipeline',
    version: 1,
    metadata: { name: 'Conference', description: 'two people', createdAt: '2026-01-01T00:00:00.000Z', room: 7 },
    elements: [
      // The ports come before their hub: creation order must not depend on document order.
      { id: 'alicePort', type: 'HubPort', params: { hub: 'room' }, position: { x: 300, y: 0 } },
      { id: 'alice', type: 'WebRtcEndpoint', label: 'Alice', properties: { maxVideoSendBandwidth: 500 }, position: { x: 0, y: 0 } },
      { id: 'room', type: 'Composite', params: { width: 640 } },
      { id: 'bobPort', type: 'HubPort', params: { hub: 'room' } },
      { id: 'bob', type: 'WebRtcEndpoint', params: { useDataChannels: true } },
      { id: 'blur', type: 'FaceBlurFilter', params: { strength: 30 } },
    ],
    connections: [
      { from: 'alice', to: 'alicePort' },
      { from: 'alicePort', to: 'alice', mediaType: 'VIDEO' },
      { from: 'alicePort', to: 'alice', mediaType: 'AUDIO' },
      { from: 'bob', to: 'bobPort' },
      { from: 'bobPort', to: 'blur' },
      { from: 'blur', to: 'bob' },
    ],
  };
}

function element(pipeline: MediaPipeline, id: string): MediaElement {
  const found = pipeline.elements.find((e) => e.name === id);
  if (!(found instanceof MediaElement)) throw new Error(`no element ${id}`);
  return found;
}

describe('instantiateDocument', () => {
  it('builds a running pipeline with the elements, hub ports, properties and connections of the document', () => {
    const pipeline = instantiateDocument(conference());
    try {
      expect(pipeline.name).toBe('Conference');
      expect(pipeline.elements.map((e) => `${e.name}:${e.type}`).sort()).toEqual(['alice:WebRtcEndpoint', 'alicePort:HubPort', 'blur:FaceBlurFilter', 'bob:WebRtcEndpoint', 'bobPort:HubPort', 'room:Composite']);
      const alicePort = element(pipeline, 'alicePort');
      expect(alicePort instanceof HubPort && alicePort.hub.name).toBe('room');
      expect(element(pipeline, 'alice').getProperty('maxVideoSendBandwidth')).toBe(500);
      expect(element(pipeline, 'alice').getSinkConnections().map((c) => c.type).sort()).toEqual(['AUDIO', 'VIDEO']);
      expect(element(pipeline, 'bob').getSourceConnections().map((c) => c.type).sort()).toEqual(['AUDIO', 'VIDEO']);
    } finally {
      pipeline.release();
    }
  });

  it('exports back to an equal document', () => {
    const pipeline = instantiateDocument(conference());
    expect(exportPipeline(pipeline)).toEqual(conference());
    expect(serializeDocument(exportPipeline(pipeline))).toBe(serializeDocument(conference()));
    pipeline.release();
  });

  it('exports live edits: new elements, changed properties, rewired connections', () => {
    const pipeline = instantiateDocument(conference());
    const alice = element(pipeline, 'alice');
    const bob = element(pipeline, 'bob');
    alice.setProperty('maxVideoSendBandwidth', 900);
    element(pipeline, 'blur').setProperty('mode', 'PIXELATE');
    bob.setProperty('minVideoSendBandwidth', 200);
    // No catalog default: configuration or runtime state? Only a document-set value is exported.
    bob.setProperty('stunServerAddress', '192.0.2.1');
    const recorder = pipeline.create('RecorderEndpoint', { uri: 'file:///tmp/x.webm' }) as MediaElement;
    bob.connect(recorder, 'VIDEO');
    element(pipeline, 'alicePort').disconnect(alice, 'AUDIO');
    const exported = exportPipeline(pipeline);
    expect(exported.elements.map((e) => e.id)).toEqual(['alicePort', 'alice', 'room', 'bobPort', 'bob', 'blur', 'recorderEndpoint1']);
    expect(exported.elements[1]!.properties).toEqual({ maxVideoSendBandwidth: 900 });
    expect(exported.elements[4]!.properties).toEqual({ minVideoSendBandwidth: 200 });
    // strength came from the constructor param (unchanged), mode moved away from its default.
    expect(exported.elements[5]).toEqual({ id: 'blur', type: 'FaceBlurFilter', params: { strength: 30 }, properties: { mode: 'PIXELATE' } });
    // The recorder was created outside any document: its constructor params come from the engine.
    expect(exported.elements[6]).toEqual({ id: 'recorderEndpoint1', type: 'RecorderEndpoint', params: { uri: 'file:///tmp/x.webm' } });
    expect(exported.connections).toEqual([
      { from: 'alice', to: 'alicePort' },
      { from: 'alicePort', to: 'alice', mediaType: 'VIDEO' },
      { from: 'bob', to: 'bobPort' },
      { from: 'bobPort', to: 'blur' },
      { from: 'blur', to: 'bob' },
      { from: 'bob', to: 'recorderEndpoint1', mediaType: 'VIDEO' },
    ]);
    pipeline.release();
  });

  it('refuses an invalid document, with every problem', () => {
    const document = conference();
    document.connections.push({ from: 'alice', to: 'nobody' });
    let error: unknown;
    try {
      instantiateDocument(document);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidDocumentError);
    expect((error as InvalidDocumentError).problems).toEqual([{ path: '/connections/6/to', message: "'to' names no element of this document: 'nobody'" }]);
  });

  it('passes on an engine refusal the catalog cannot express, with the element named', () => {
    const document = conference();
    // Kurento's MediaProfileSpecType has FLV; Fluo's recorder does not write it.
    document.elements.push({ id: 'rec', type: 'RecorderEndpoint', params: { uri: 'file:///tmp/fluo-never-written.flv', mediaProfile: 'FLV' } });
    expect(validateDocument(document)).toEqual([]);
    expect(() => instantiateDocument(document)).toThrow(MediaError);
    expect(() => instantiateDocument(document)).toThrow(/^RecorderEndpoint: media profile FLV is not supported/);
  });
});

describe('serializeDocument', () => {
  it('writes the same bytes whatever the key order, with 2-space indent and a trailing newline', () => {
    const shuffled = JSON.parse(
      '{"connections":[{"to":"b","mediaType":"VIDEO","from":"a"}],"elements":[{"position":{"y":2,"x":1},"type":"WebRtcEndpoint","id":"a","params":{"sendonly":true,"recvonly":false}},{"type":"WebRtcEndpoint","id":"b"}],"metadata":{"zeta":1,"name":"n","alpha":2},"version":1,"format":"fluo.pipeline"}',
    ) as unknown;
    expect(serializeDocument(shuffled)).toBe(
      [
        '{',
        '  "format": "fluo.pipeline",',
        '  "version": 1,',
        '  "metadata": {',
        '    "name": "n",',
        '    "alpha": 2,',
        '    "zeta": 1',
        '  },',
        '  "elements": [',
        '    {',
        '      "id": "a",',
        '      "type": "WebRtcEndpoint",',
        '      "params": {',
        '        "recvonly": false,',
        '        "sendonly": true',
        '      },',
        '      "position": {',
        '        "x": 1,',
        '        "y": 2',
        '      }',
        '    },',
        '    {',
        '      "id": "b",',
        '      "type": "WebRtcEndpoint"',
        '    }',
        '  ],',
        '  "connections": [',
        '    {',
        '      "from": "a",',
        '      "to": "b",',
        '      "mediaType": "VIDEO"',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });
});
