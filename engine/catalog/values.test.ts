import { describe, expect, it } from 'vitest';
import { opt, param, t } from './define.ts';
import { checkFields, checkValue, describeType, escapePointer, structFields, suggest } from './values.ts';

const messages = (type: Parameters<typeof checkValue>[0], value: unknown) => checkValue(type, value).map((p) => p.message);

describe('checkValue', () => {
  it('accepts integers within 32 bits and the declared range only', () => {
    expect(checkValue(t.int(), 7)).toEqual([]);
    expect(messages(t.int(), 7.5)).toEqual(['must be an integer, got 7.5']);
    expect(messages(t.int(), '7')).toEqual(["must be an integer, got '7'"]);
    expect(messages(t.int(), 2 ** 31)).toEqual(['must be at most 2147483647, got 2147483648']);
    expect(messages(t.int(1, 10), 0)).toEqual(['must be at least 1, got 0']);
    expect(messages(t.int(1, 10), 11)).toEqual(['must be at most 10, got 11']);
    expect(checkValue(t.int(1, 10), 10)).toEqual([]);
  });

  it('accepts 64-bit integers beyond 32 bits', () => {
    expect(checkValue(t.int64(), 2 ** 40)).toEqual([]);
    expect(messages(t.int64(0), -1)).toEqual(['must be at least 0, got -1']);
    expect(messages(t.int64(), 1.5)).toEqual(['must be a 64-bit integer, got 1.5']);
  });

  it('accepts finite numbers as floats', () => {
    expect(checkValue(t.float(0, 1), 0.5)).toEqual([]);
    expect(checkValue(t.double(), -1e9)).toEqual([]);
    expect(messages(t.float(), Number.NaN)).toEqual(['must be a number, got NaN']);
    expect(messages(t.double(), Number.POSITIVE_INFINITY)).toEqual(['must be a number, got Infinity']);
    expect(messages(t.float(0, 1), 1.5)).toEqual(['must be at most 1, got 1.5']);
  });

  it('accepts only true booleans', () => {
    expect(checkValue(t.boolean(), false)).toEqual([]);
    expect(messages(t.boolean(), 'false')).toEqual(["must be true or false, got 'false'"]);
    expect(messages(t.boolean(), null)).toEqual(['must be true or false, got null']);
  });

  it('checks strings, their minimum length and colour format', () => {
    expect(checkValue(t.string(), '')).toEqual([]);
    expect(messages(t.string(), 3)).toEqual(['must be a string, got 3']);
    expect(messages(t.string('uri', 1), '')).toEqual(['must not be empty']);
    expect(checkValue(t.string('color'), '#ff8800')).toEqual([]);
    expect(messages(t.string('color'), 'orange')).toEqual(["must be a colour like '#ff8800', got 'orange'"]);
    expect(checkValue(t.string('ip-address'), '192.0.2.1')).toEqual([]);
    expect(checkValue(t.string('ip-address'), 'fe80::1')).toEqual([]);
    expect(checkValue(t.string('ip-address'), '')).toEqual([]);
    expect(messages(t.string('ip-address'), '192.0.2.300')).toEqual(["must be an IP address (not a host name), got '192.0.2.300'"]);
    expect(checkValue(t.string('turn-url'), 'u:p@192.0.2.1:3478?transport=tcp')).toEqual([]);
    expect(messages(t.string('turn-url'), 'u:p@192.0.2.1?transport=quic')).toEqual([
      "is 'u:p@192.0.2.1?transport=quic', which has transport 'quic', not udp, tcp or tls; expected 'user:password@address:port', optionally followed by '?transport=udp|tcp|tls'",
    ]);
  });

  it('shortens long strings it quotes', () => {
    expect(messages(t.int(), 'y'.repeat(60))).toEqual([`must be an integer, got '${'y'.repeat(40)}…'`]);
  });

  it('takes an object reference as a non-empty id', () => {
    expect(checkValue(t.object('HubPort'), 'p1_kurento.HubPort')).toEqual([]);
    expect(messages(t.object('HubPort'), '')).toEqual(["must be the id of a HubPort, got ''"]);
    expect(messages(t.object('MediaElement'), {})).toEqual(['must be the id of a MediaElement, got an object']);
  });

  it('points at the failing item of an array or map', () => {
    expect(checkValue(t.array(t.int()), [1, 'two', 3])).toEqual([{ path: '/1', message: "must be an integer, got 'two'" }]);
    expect(messages(t.array(t.int()), { 0: 1 })).toEqual(['must be an array of integers, got an object']);
    expect(checkValue(t.map(t.string()), { 'a/b': 'ok', 'c~d': 4 })).toEqual([{ path: '/c~0d', message: 'must be a string, got 4' }]);
    expect(messages(t.map(t.string()), ['x'])).toEqual(['must be an object, got an array']);
  });

  it('names the enum values and suggests the closest', () => {
    expect(checkValue(t.complex('MediaType'), 'VIDEO')).toEqual([]);
    expect(messages(t.complex('MediaType'), 'video')).toEqual(["must be one of 'AUDIO', 'DATA', 'VIDEO', got 'video' (did you mean 'VIDEO'?)"]);
    expect(messages(t.complex('MediaType'), 'SMELL')).toEqual(["must be one of 'AUDIO', 'DATA', 'VIDEO', got 'SMELL'"]);
    expect(messages(t.complex('MediaProfileSpecType'), 'WEBM_VIDEO_ONY')).toEqual([expect.stringMatching(/\(did you mean 'WEBM_VIDEO_ONLY'\?\)$/)]);
    expect(messages(t.complex('MediaType'), 1)).toEqual(["must be one of 'AUDIO', 'DATA', 'VIDEO', got 1"]);
  });

  it('checks structs field by field, inherited fields included', () => {
    const candidate = { candidate: 'candidate:1 1 UDP 1 192.0.2.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    expect(checkValue(t.complex('IceCandidate'), candidate)).toEqual([]);
    expect(checkValue(t.complex('IceCandidate'), { ...candidate, sdpMLineIndex: '0' }, '/c')).toEqual([
      { path: '/c/sdpMLineIndex', message: "'sdpMLineIndex' must be an integer, got '0'" },
    ]);
    expect(messages(t.complex('IceCandidate'), 'candidate:1')).toEqual(["must be an IceCandidate object, got 'candidate:1'"]);
    expect(messages(t.complex('RTCInboundRTPStreamStats'), {})).toContain("RTCInboundRTPStreamStats needs 'timestampMillis' (a 64-bit integer)");
    expect(checkValue(t.complex('SDES'), {})).toEqual([]);
    expect(messages(t.complex('SDES'), { crypto: 'AES_128' })[0]).toMatch(/^'crypto' must be one of 'AES_128_CM_HMAC_SHA1_32'/);
  });

  it('reports an unknown complex type instead of throwing', () => {
    expect(messages(t.complex('NoSuchType'), 1)).toEqual(['has unknown type NoSuchType']);
  });
});

describe('checkFields', () => {
  const specs = [param('uri', t.string('uri', 1), 'Where.'), opt('networkCache', t.int(0), 2000, 'Buffer.', 'ms')];

  it('passes complete, valid values', () => {
    expect(checkFields(specs, { uri: 'file:///a.webm' }, '/elements/0/params', 'PlayerEndpoint')).toEqual([]);
  });

  it('names a missing required field and its expected type', () => {
    expect(checkFields(specs, { networkCache: 10 }, '/p', 'PlayerEndpoint')).toEqual([{ path: '/p', message: "PlayerEndpoint needs 'uri' (a string)" }]);
  });

  it('names an unknown field and suggests the closest known one', () => {
    expect(checkFields(specs, { uri: 'x', networkcahce: 1 }, '/p', 'PlayerEndpoint')).toEqual([
      { path: '/p/networkcahce', message: "PlayerEndpoint has no 'networkcahce' (did you mean 'networkCache'?)" },
    ]);
    expect(checkFields(specs, { uri: 'x', colour: 1 }, '/p', 'PlayerEndpoint')).toEqual([{ path: '/p/colour', message: "PlayerEndpoint has no 'colour'" }]);
  });

  it('prefixes value problems with the field name and escapes it in the path', () => {
    const odd = [param('a/b', t.int(0), 'Odd name.')];
    expect(checkFields(odd, { 'a/b': -2 }, '', 'Thing')).toEqual([{ path: '/a~1b', message: "'a/b' must be at least 0, got -2" }]);
  });
});

describe('describeType', () => {
  it('reads naturally for every kind', () => {
    expect(describeType(t.int())).toBe('an integer');
    expect(describeType(t.array(t.string()))).toBe('an array of strings');
    expect(describeType(t.array(t.complex('IceCandidate')))).toBe('an array of IceCandidate objects');
    expect(describeType(t.array(t.complex('MediaType')))).toBe("an array of values each one of 'AUDIO', 'DATA', 'VIDEO'");
    expect(describeType(t.array(t.object('MediaObject')))).toBe('an array of ids of MediaObject objects');
    expect(describeType(t.complex('Tag'))).toBe('a Tag object');
    expect(describeType(t.object('HubPort'))).toBe('the id of a HubPort');
    expect(describeType(t.object('MediaElement'))).toBe('the id of a MediaElement');
  });
});

describe('escapePointer', () => {
  it('escapes ~ before / as RFC 6901 requires', () => {
    expect(escapePointer('plain')).toBe('plain');
    expect(escapePointer('a/b')).toBe('a~1b');
    expect(escapePointer('a~b')).toBe('a~0b');
    expect(escapePointer('~1')).toBe('~01');
    expect(escapePointer('/~')).toBe('~1~0');
  });
});

describe('suggest and structFields', () => {
  it('suggests only close names', () => {
    expect(suggest('WebRtcEndpont', ['WebRtcEndpoint', 'RtpEndpoint'])).toBe(" (did you mean 'WebRtcEndpoint'?)");
    expect(suggest('xyz', ['WebRtcEndpoint'])).toBe('');
  });

  it('lists base struct fields first', () => {
    expect(structFields('EndpointStats').map((f) => f.name)).toEqual(['id', 'type', 'timestampMillis', 'inputLatency', 'E2ELatency']);
    expect(structFields('MediaType')).toEqual([]);
  });
});
