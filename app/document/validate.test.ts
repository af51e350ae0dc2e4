import { describe, expect, it } from 'vitest';
import type { DocumentProblem } from './types.ts';
import { readDocument, validateDocument } from './validate.ts';

type Doc = Record<string, unknown> & { elements: unknown[]; connections: unknown[] };

function doc(elements: unknown[] = [], connections: unknown[] = []): Doc {
  return { format: 'fluo.pipeline', version: 1, metadata: { name: 'Test' }, elements, connections };
}

const webrtc = (id = 'webrtc'): Record<string, unknown> => ({ id, type: 'WebRtcEndpoint' });
const filter = (id: string): Record<string, unknown> => ({ id, type: 'FaceOverlayFilter' });
const hub = (id = 'mix', type = 'Composite'): Record<string, unknown> => ({ id, type });
const port = (id: string, hubId = 'mix'): Record<string, unknown> => ({ id, type: 'HubPort', params: { hub: hubId } });

/** The document has exactly this one problem. */
function expectProblem(document: unknown, path: string, message: string): void {
  expect(validateDocument(document)).toEqual([{ path, message }]);
}

describe('validateDocument: the document itself', () => {
  it('accepts a minimal valid document', () => {
    expect(validateDocument(doc())).toEqual([]);
  });

  it('rejects a non-object', () => {
    expectProblem([], '', 'A pipeline document must be a JSON object {"format": "fluo.pipeline", ...}, got an array');
  });

  it('requires the format', () => {
    const { format: _f, ...rest } = doc();
    expectProblem(rest, '', 'Not a pipeline document: it needs "format": "fluo.pipeline"');
  });

  it('stops at a wrong format: some other kind of file', () => {
    expectProblem({ ...doc(), format: 'kurento.graph', elements: 7 }, '/format', "Not a pipeline document: format must be 'fluo.pipeline', got 'kurento.graph'");
  });

  it('says a newer version was made by a newer Fluo', () => {
    expectProblem(
      { ...doc(), version: 2, elements: 'whatever v2 has' },
      '/version',
      'This document was made by a newer version of Fluo (format version 2); this Fluo reads version 1. Update Fluo to open it',
    );
  });

  it('rejects a missing or unsupported version', () => {
    const { version: _v, ...rest } = doc();
    expectProblem(rest, '', 'Missing "version": 1');
    expectProblem({ ...doc(), version: '1' }, '/version', "Unsupported version '1': this Fluo reads version 1");
  });

  it('needs metadata with a name', () => {
    const { metadata: _m, ...rest } = doc();
    expectProblem(rest, '', 'Missing "metadata": {"name": "..."}');
    expectProblem({ ...doc(), metadata: {} }, '/metadata', "metadata needs a 'name' for the pipeline");
    expectProblem({ ...doc(), metadata: { name: '  ' } }, '/metadata/name', "metadata.name must be a non-empty string, got '  '");
    expectProblem({ ...doc(), metadata: { name: 'x', description: 5 } }, '/metadata/description', 'metadata.description must be a string, got 5');
  });

  it('keeps free-form metadata and rejects unknown top-level fields', () => {
    expect(validateDocument({ ...doc(), metadata: { name: 'x', author: 'me', tags: [1] } })).toEqual([]);
    expectProblem({ ...doc(), element: [] }, '/element', "A pipeline document has no field 'element' (did you mean 'elements'?); free-form data belongs in 'metadata'");
  });

  it('needs elements and connections as arrays', () => {
    const { connections: _c, ...rest } = doc();
    expectProblem(rest, '', 'Missing "connections": [...] (an empty list is fine)');
    expectProblem({ ...doc(), elements: {}, connections: [{ from: 'a', to: 'b' }] }, '/elements', "'elements' must be an array, got an object");
  });
});

describe('validateDocument: elements', () => {
  it('rejects an element that is not an object', () => {
    expectProblem(doc(['webrtc']), '/elements/0', "Each element must be an object with an 'id' and a 'type', got 'webrtc'");
  });

  it('needs a well-formed, unique id', () => {
    expectProblem(doc([{ type: 'WebRtcEndpoint' }]), '/elements/0', "Element needs an 'id' (letters, digits, '-' or '_') that connections can refer to");
    expectProblem(doc([{ id: 'my element', type: 'WebRtcEndpoint' }]), '/elements/0/id', "Element id must be 1 to 100 letters, digits, '-' or '_', got 'my element'");
    expectProblem(doc([webrtc('a'), webrtc('a')]), '/elements/1/id', "Element id 'a' is already used by /elements/0; ids must be unique");
  });

  it('needs a known, creatable type and suggests the nearest name', () => {
    expectProblem(doc([{ id: 'a' }]), '/elements/0', "Element needs a 'type', e.g. 'WebRtcEndpoint'");
    expectProblem(doc([{ id: 'a', type: 'WebRtcEndpont' }]), '/elements/0/type', "Unknown element type 'WebRtcEndpont' (did you mean 'WebRtcEndpoint'?)");
    expectProblem(doc([{ id: 'a', type: 'Banana' }]), '/elements/0/type', "Unknown element type 'Banana'");
    expectProblem(doc([{ id: 'a', type: 'Endpoint' }]), '/elements/0/type', "'Endpoint' is an abstract base type and cannot be created; pick one of its concrete kinds");
    expectProblem(doc([{ id: 'a', type: 'MediaPipeline' }]), '/elements/0/type', "'MediaPipeline' cannot be an element: the document itself is the pipeline");
    expectProblem(doc([{ id: 'a', type: 'GStreamerFilter', params: { command: 'x' } }]), '/elements/0/type', "'GStreamerFilter' cannot be created in a Fluo pipeline");
  });

  it('rejects unknown fields on an element', () => {
    expectProblem(doc([{ ...webrtc(), parms: {} }]), '/elements/0/parms', "WebRtcEndpoint 'webrtc' has no field 'parms' (did you mean 'params'?)");
  });

  it('checks params with the catalog: unknown, mistyped, out of range, missing', () => {
    expectProblem(doc([{ ...webrtc(), params: { recvOnly: true } }]), '/elements/0/params/recvOnly', "WebRtcEndpoint 'webrtc' has no 'recvOnly' (did you mean 'recvonly'?)");
    expectProblem(doc([{ ...webrtc(), params: { recvonly: 'yes' } }]), '/elements/0/params/recvonly', "'recvonly' must be true or false, got 'yes'");
    expectProblem(doc([{ id: 'cam', type: 'CameraEndpoint', params: { width: 5 } }]), '/elements/0/params/width', "'width' must be at least 16, got 5");
    expectProblem(
      doc([{ id: 'rec', type: 'RecorderEndpoint', params: { uri: 'file:///tmp/x.webm', mediaProfile: 'AVI' } }]),
      '/elements/0/params/mediaProfile',
      expect.stringMatching(/^'mediaProfile' must be one of 'WEBM', .*got 'AVI'$/) as unknown as string,
    );
    expectProblem(doc([{ id: 'player', type: 'PlayerEndpoint' }]), '/elements/0', "PlayerEndpoint 'player' needs 'uri' (a string)");
    expectProblem(doc([{ id: 'player', type: 'PlayerEndpoint', params: {} }]), '/elements/0/params', "PlayerEndpoint 'player' needs 'uri' (a string)");
    expectProblem(doc([{ ...webrtc(), params: [] }]), '/elements/0/params', "WebRtcEndpoint 'webrtc': 'params' must be an object of constructor params, got an array");
    expectProblem(doc([{ ...webrtc(), params: { hub: 'mix' } }]), '/elements/0/params/hub', "WebRtcEndpoint 'webrtc' has no 'hub'");
  });

  it('allows only writable properties, with values of their type', () => {
    expect(validateDocument(doc([{ ...webrtc(), properties: { maxVideoSendBandwidth: 2000, stunServerAddress: '1.2.3.4' } }]))).toEqual([]);
    expectProblem(doc([{ ...webrtc(), properties: { maxVideoSendBandwith: 1 } }]), '/elements/0/properties/maxVideoSendBandwith', "WebRtcEndpoint 'webrtc' has no property 'maxVideoSendBandwith' (did you mean 'maxVideoSendBandwidth'?)");
    expectProblem(doc([{ ...webrtc(), properties: { iceTcp: 1 } }]), '/elements/0/properties/iceTcp', "WebRtcEndpoint 'webrtc': property 'iceTcp' must be true or false, got 1");
    expectProblem(doc([{ ...webrtc(), properties: { creationTime: 5 } }]), '/elements/0/properties/creationTime', "WebRtcEndpoint 'webrtc': property 'creationTime' is read-only; a document can set only writable properties");
    expectProblem(doc([{ ...webrtc(), properties: { name: 'x' } }]), '/elements/0/properties/name', "WebRtcEndpoint 'webrtc': property 'name' comes from the element's 'id'; change the id, or set 'label' for the text shown");
    expectProblem(doc([{ ...webrtc(), properties: 3 }]), '/elements/0/properties', "WebRtcEndpoint 'webrtc': 'properties' must be an object of property values, got 3");
  });

  it('checks stunServerAddress and turnUrl as the WebRtcEndpoint does, with its parser and its messages', () => {
    const turnExpected = "expected 'user:password@address:port', optionally followed by '?transport=udp|tcp|tls'";
    expect(validateDocument(doc([{ ...webrtc(), properties: { stunServerAddress: 'stun.example.org', turnUrl: 'alice@127.0.0.1' } }]))).toEqual([
      { path: '/elements/0/properties/stunServerAddress', message: "WebRtcEndpoint 'webrtc': property 'stunServerAddress' must be an IP address (not a host name), got 'stun.example.org'" },
      { path: '/elements/0/properties/turnUrl', message: `WebRtcEndpoint 'webrtc': property 'turnUrl' is 'alice@127.0.0.1', which has no ':' between the user name and the password; ${turnExpected}` },
    ]);
    expectProblem(
      doc([{ ...webrtc(), properties: { turnUrl: 'turn:alice:pw@127.0.0.1' } }]),
      '/elements/0/properties/turnUrl',
      `WebRtcEndpoint 'webrtc': property 'turnUrl' is 'turn:alice:pw@127.0.0.1', which starts with a URI scheme ('turn:'), which Kurento's turnUrl does not have; ${turnExpected}`,
    );
    expectProblem(doc([{ ...webrtc(), properties: { turnUrl: 'alice:pw@10.0.0.1:70000' } }]), '/elements/0/properties/turnUrl', expect.stringContaining("which has port '70000', not a number from 1 to 65535") as unknown as string);
    const good = { stunServerAddress: '2001:db8::1', turnUrl: 'alice:p@ss:w@rd@[2001:db8::2]:5349?transport=tls' };
    expect(validateDocument(doc([{ ...webrtc(), properties: good }]))).toEqual([]);
    expect(validateDocument(doc([{ ...webrtc(), properties: { stunServerAddress: '', turnUrl: '' } }]))).toEqual([]);
  });

  it('checks position and label', () => {
    expectProblem(doc([{ ...webrtc(), position: { x: 1 } }]), '/elements/0/position', `WebRtcEndpoint 'webrtc': 'position' must be {"x": number, "y": number}, got an object`);
    expectProblem(doc([{ ...webrtc(), position: [1, 2] }]), '/elements/0/position', `WebRtcEndpoint 'webrtc': 'position' must be {"x": number, "y": number}, got an array`);
    expectProblem(doc([{ ...webrtc(), label: 7 }]), '/elements/0/label', "WebRtcEndpoint 'webrtc': 'label' must be a string");
  });
});

describe('validateDocument: hubs', () => {
  it('accepts a hub with no ports, and participants looped through their ports', () => {
    expect(validateDocument(doc([hub()]))).toEqual([]);
    const participants = doc(
      [hub(), webrtc('alice'), port('alicePort'), webrtc('bob'), port('bobPort')],
      [
        { from: 'alice', to: 'alicePort' },
        { from: 'alicePort', to: 'alice' },
        { from: 'bob', to: 'bobPort' },
        { from: 'bobPort', to: 'bob' },
      ],
    );
    expect(validateDocument(participants)).toEqual([]);
  });

  it('needs params.hub naming a hub of the document', () => {
    expectProblem(doc([hub(), { id: 'p', type: 'HubPort' }]), '/elements/1', "HubPort 'p' needs params.hub: the id of the hub element it belongs to ('mix')");
    expectProblem(doc([hub(), port('p', 'mixer')]), '/elements/1/params/hub', "HubPort 'p': 'hub' names no element of this document: 'mixer' (did you mean 'mix'?)");
    expectProblem(doc([webrtc(), port('p', 'webrtc')]), '/elements/1/params/hub', "HubPort 'p': 'hub' must name a hub (Composite, Dispatcher, ...), but 'webrtc' is a WebRtcEndpoint");
    expectProblem(doc([hub(), { id: 'p', type: 'HubPort', params: { hub: 3 } }]), '/elements/1/params/hub', "HubPort 'p': 'hub' must be the id of a hub element, got 3");
  });

  it('refuses connections to or from the hub itself', () => {
    expectProblem(doc([hub(), webrtc()], [{ from: 'webrtc', to: 'mix' }]), '/connections/0/to', "'mix' is a Composite hub: connect to one of its HubPorts, never the hub itself");
    expectProblem(doc([hub('d', 'Dispatcher'), webrtc()], [{ from: 'd', to: 'webrtc' }]), '/connections/0/from', "'d' is a Dispatcher hub: connect from one of its HubPorts, never the hub itself");
  });
});

describe('validateDocument: connections', () => {
  const pair = (): Record<string, unknown>[] => [webrtc('a'), webrtc('b')];

  it('rejects a connection that is not an object, or lacks an end', () => {
    expectProblem(doc(pair(), ['a->b']), '/connections/0', `Each connection must be an object {"from", "to"}, got 'a->b'`);
    expectProblem(doc(pair(), [{ to: 'b' }]), '/connections/0', "A connection needs 'from': the id of the element media comes from");
    expectProblem(doc(pair(), [{ from: 'a', to: 'b', via: 'c' }]), '/connections/0/via', "A connection has no field 'via'");
  });

  it('reports dangling ends with the nearest id', () => {
    expectProblem(doc(pair(), [{ from: 'a', to: 'c' }]), '/connections/0/to', "'to' names no element of this document: 'c' (did you mean 'a'?)");
    expectProblem(doc(pair(), [{ from: 'webrtc', to: 'b' }]), '/connections/0/from', "'from' names no element of this document: 'webrtc'");
  });

  it('rejects a bad media type and unknown pads', () => {
    expectProblem(doc(pair(), [{ from: 'a', to: 'b', mediaType: 'video' }]), '/connections/0/mediaType', "mediaType must be 'AUDIO', 'VIDEO' or 'DATA' (or left out for all), got 'video'");
    expectProblem(doc(pair(), [{ from: 'a', to: 'b', fromPad: 'defualt' }]), '/connections/0/fromPad', "'a' (WebRtcEndpoint) has no source pad 'defualt' (did you mean 'default'?); its source pads: 'default'");
    expectProblem(doc(pair(), [{ from: 'a', to: 'b', toPad: '' }]), '/connections/0/toPad', "'toPad' must be a pad name such as 'default', got ''");
  });

  it('rejects a media type the source pad does not produce or the sink pad does not accept', () => {
    expectProblem(
      doc([{ id: 'cam', type: 'CameraEndpoint' }, webrtc()], [{ from: 'cam', to: 'webrtc', mediaType: 'AUDIO' }]),
      '/connections/0/mediaType',
      "'cam' (CameraEndpoint) produces no AUDIO on pad 'default'; it produces VIDEO",
    );
    expectProblem(
      doc([webrtc(), filter('overlay')], [{ from: 'webrtc', to: 'overlay', mediaType: 'DATA' }]),
      '/connections/0/mediaType',
      "'overlay' (FaceOverlayFilter) accepts no DATA on pad 'default'; it accepts AUDIO, VIDEO",
    );
  });

  it('refuses connections into source-only elements', () => {
    for (const type of ['PlayerEndpoint', 'TestPatternEndpoint', 'CameraEndpoint']) {
      const source = { id: 'src', type, ...(type === 'PlayerEndpoint' ? { params: { uri: 'file:///tmp/a.webm' } } : {}) };
      expectProblem(doc([webrtc(), source], [{ from: 'webrtc', to: 'src' }]), '/connections/0/to', `'src' (${type}) only produces media: nothing can be connected into it`);
    }
  });

  it('refuses connections out of sink-only elements', () => {
    const recorder = { id: 'rec', type: 'RecorderEndpoint', params: { uri: 'file:///tmp/a.webm' } };
    expectProblem(doc([recorder, webrtc()], [{ from: 'rec', to: 'webrtc' }]), '/connections/0/from', "'rec' (RecorderEndpoint) only receives media: nothing can be connected from it");
  });

  it('reports duplicate connections; one without mediaType overlaps every type', () => {
    expectProblem(doc(pair(), [{ from: 'a', to: 'b' }, { from: 'a', to: 'b' }]), '/connections/1', "Duplicate connection: /connections/0 already connects 'a' to 'b'");
    expectProblem(doc(pair(), [{ from: 'a', to: 'b', mediaType: 'VIDEO' }, { from: 'a', to: 'b', mediaType: 'VIDEO' }]), '/connections/1', "Duplicate connection: /connections/0 already connects 'a' to 'b' for VIDEO");
    expectProblem(doc(pair(), [{ from: 'a', to: 'b' }, { from: 'a', to: 'b', mediaType: 'AUDIO' }]), '/connections/1', "Duplicate connection: /connections/0 already connects 'a' to 'b' for AUDIO");
    expect(validateDocument(doc(pair(), [{ from: 'a', to: 'b', mediaType: 'AUDIO' }, { from: 'a', to: 'b', mediaType: 'VIDEO' }]))).toEqual([]);
  });

  it('reports two sources feeding the same sink pad and media type', () => {
    expectProblem(
      doc([webrtc('a'), webrtc('b'), webrtc('c')], [{ from: 'a', to: 'c' }, { from: 'b', to: 'c', mediaType: 'VIDEO' }]),
      '/connections/1',
      "'c' already receives VIDEO on pad 'default' from 'a' (/connections/0); a sink pad takes one source per media type, so one of the two would be dropped",
    );
    // Audio from one, video from another is a normal thing to do.
    expect(validateDocument(doc([webrtc('a'), webrtc('b'), webrtc('c')], [{ from: 'a', to: 'c', mediaType: 'AUDIO' }, { from: 'b', to: 'c', mediaType: 'VIDEO' }]))).toEqual([]);
  });
});

describe('validateDocument: media loops', () => {
  it('accepts the Hello World loopback and the Magic Mirror (an endpoint breaks the loop)', () => {
    expect(validateDocument(doc([webrtc()], [{ from: 'webrtc', to: 'webrtc' }]))).toEqual([]);
    expect(validateDocument(doc([webrtc(), filter('f')], [{ from: 'webrtc', to: 'f' }, { from: 'f', to: 'webrtc' }]))).toEqual([]);
  });

  it('reports a filter feeding itself', () => {
    expectProblem(doc([filter('f')], [{ from: 'f', to: 'f' }]), '/connections/0', "This connection feeds AUDIO and VIDEO back into itself ('f' → 'f'); media would loop forever");
  });

  it('reports a loop through filters and a PassThrough, per media type', () => {
    expectProblem(
      doc([filter('f'), { id: 'pass', type: 'PassThrough' }], [{ from: 'f', to: 'pass', mediaType: 'VIDEO' }, { from: 'pass', to: 'f', mediaType: 'VIDEO' }, { from: 'pass', to: 'f', mediaType: 'AUDIO' }]),
      '/connections/0',
      "This connection feeds VIDEO back into itself ('f' → 'pass' → 'f'); media would loop forever",
    );
  });

  it('reports a loop through a hub: one port feeding another port of the same hub', () => {
    expectProblem(
      doc([hub(), port('p1'), port('p2'), filter('f')], [{ from: 'p1', to: 'f' }, { from: 'f', to: 'p2' }]),
      '/connections/0',
      "This connection feeds AUDIO and VIDEO back into itself ('p1' → 'f' → 'p2' → 'mix' → 'p1'); media would loop forever",
    );
  });
});

describe('validateDocument: every problem at once', () => {
  it('does not call a connection dangling when its element has a problem of its own', () => {
    expectProblem(doc([webrtc(), { id: 'f', type: 'FaceOverlayFiltr' }], [{ from: 'webrtc', to: 'f' }]), '/elements/1/type', "Unknown element type 'FaceOverlayFiltr' (did you mean 'FaceOverlayFilter'?)");
    expectProblem(doc([hub('mix', 'Compositor'), port('p')]), '/elements/0/type', "Unknown element type 'Compositor' (did you mean 'Composite'?)");
  });

  it('lists all problems, not the first', () => {
    const bad = doc(
      [{ id: 'a', type: 'WebRtcEndpont' }, { id: 'b', type: 'PlayerEndpoint' }, webrtc('c')],
      [{ from: 'c', to: 'b' }, { from: 'c', to: 'zz' }],
    );
    expect(validateDocument(bad).map((p: DocumentProblem) => p.path)).toEqual(['/elements/0/type', '/elements/1', '/connections/0/to', '/connections/1/to']);
  });
});

describe('readDocument', () => {
  it('places validation problems at their line and column', () => {
    const text = ['{', '  "format": "fluo.pipeline",', '  "version": 1,', '  "metadata": {"name": "x"},', '  "elements": [', '    {"id": "w", "type": "WebRtcEndpont"}', '  ],', '  "connections": []', '}'].join('\n');
    expect(readDocument(text)).toEqual({
      problems: [{ path: '/elements/0/type', message: "Unknown element type 'WebRtcEndpont' (did you mean 'WebRtcEndpoint'?)", line: 6, column: 17 }],
    });
  });

  it('returns the document when it is valid, and duplicate keys as problems', () => {
    expect(readDocument(JSON.stringify(doc())).document).toEqual(doc());
    const duplicated = '{"format": "fluo.pipeline", "version": 1, "version": 1, "metadata": {"name": "x"}, "elements": [], "connections": []}';
    expect(readDocument(duplicated)).toEqual({ problems: [{ path: '/version', message: "Duplicate key 'version' (first at line 1, column 29); JSON readers keep only one of them", line: 1, column: 43 }] });
  });

  it('reports malformed JSON with its line and column', () => {
    expect(readDocument('{\n  "format": "fluo.pipeline",\n  "elements": [\n  }\n')).toEqual({
      problems: [{ path: '/elements/0', message: "Unexpected '}' at line 4, column 3: expected a value", line: 4, column: 3 }],
    });
  });
});
