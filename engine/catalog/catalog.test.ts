import { describe, expect, it } from 'vitest';
import {
  allClasses,
  allComplexTypes,
  allEvents,
  allEventSpecs,
  allMethods,
  allProperties,
  categoryOf,
  creatableTypes,
  eventFields,
  findClass,
  findComplexType,
  findEvent,
  findProperty,
  getClass,
  isA,
  isFluoOnly,
  lineage,
  padsOf,
  userParams,
} from './catalog.ts';
import type { ParamSpec, ValueType } from './types.ts';
import { checkFields, checkValue, structFields } from './values.ts';

/** Everything in the catalog that carries a description, with a label saying where it is. */
function describedThings(): { where: string; description: string | undefined }[] {
  const things: { where: string; description: string | undefined }[] = [];
  const params = (where: string, list: ParamSpec[] | undefined) => {
    for (const p of list ?? []) things.push({ where: `${where}.${p.name}`, description: p.description });
  };
  for (const spec of allClasses()) {
    things.push({ where: spec.name, description: spec.description });
    params(`${spec.name}(ctor)`, spec.constructorParams);
    for (const p of spec.properties ?? []) things.push({ where: `${spec.name}#${p.name}`, description: p.description });
    for (const m of spec.methods ?? []) {
      things.push({ where: `${spec.name}.${m.name}()`, description: m.description });
      params(`${spec.name}.${m.name}()`, m.params);
    }
  }
  for (const event of allEventSpecs()) {
    things.push({ where: `event ${event.name}`, description: event.description });
    params(`event ${event.name}`, event.fields);
  }
  for (const type of allComplexTypes()) {
    things.push({ where: `type ${type.name}`, description: type.description });
    if (type.kind === 'struct') params(`type ${type.name}`, type.fields);
  }
  return things;
}

/** Every value type the catalog mentions, with where it is. */
function allValueTypes(): { where: string; type: ValueType }[] {
  const found: { where: string; type: ValueType }[] = [];
  const add = (where: string, type: ValueType) => {
    found.push({ where, type });
    if (type.kind === 'array' || type.kind === 'map') add(`${where}[]`, type.of);
  };
  for (const spec of allClasses()) {
    for (const p of spec.constructorParams ?? []) add(`${spec.name}(ctor).${p.name}`, p.type);
    for (const p of spec.properties ?? []) add(`${spec.name}#${p.name}`, p.type);
    for (const m of spec.methods ?? []) {
      for (const p of m.params) add(`${spec.name}.${m.name}().${p.name}`, p.type);
      if (m.returns) add(`${spec.name}.${m.name}() returns`, m.returns);
    }
  }
  for (const event of allEventSpecs()) for (const f of event.fields) add(`event ${event.name}.${f.name}`, f.type);
  for (const type of allComplexTypes()) if (type.kind === 'struct') for (const f of type.fields) add(`type ${type.name}.${f.name}`, f.type);
  return found;
}

/** Every value with a default, and its type. */
function allDefaults(): { where: string; type: ValueType; value: unknown }[] {
  const found: { where: string; type: ValueType; value: unknown }[] = [];
  const params = (where: string, list: ParamSpec[]) => {
    for (const p of list) if (p.default !== undefined) found.push({ where: `${where}.${p.name}`, type: p.type, value: p.default });
  };
  for (const spec of allClasses()) {
    params(`${spec.name}(ctor)`, spec.constructorParams ?? []);
    for (const p of spec.properties ?? []) if (p.default !== undefined) found.push({ where: `${spec.name}#${p.name}`, type: p.type, value: p.default });
    for (const m of spec.methods ?? []) params(`${spec.name}.${m.name}()`, m.params);
  }
  for (const type of allComplexTypes()) if (type.kind === 'struct') params(`type ${type.name}`, type.fields);
  return found;
}

const CREATABLE = {
  WebRtcEndpoint: 'endpoint',
  RtpEndpoint: 'endpoint',
  PlayerEndpoint: 'endpoint',
  RecorderEndpoint: 'endpoint',
  HttpPostEndpoint: 'endpoint',
  CameraEndpoint: 'endpoint',
  TestPatternEndpoint: 'endpoint',
  FaceOverlayFilter: 'filter',
  ImageOverlayFilter: 'filter',
  ZBarFilter: 'filter',
  FaceBlurFilter: 'filter',
  FaceDetectorFilter: 'filter',
  FfmpegFilter: 'filter',
  PassThrough: 'filter',
  Composite: 'hub',
  Dispatcher: 'hub',
  DispatcherOneToMany: 'hub',
  AlphaBlending: 'hub',
  Mixer: 'hub',
  HubPort: 'hubport',
} as const;

describe('creatable types', () => {
  it('are exactly the Kurento and Fluo elements the studio offers', () => {
    expect(creatableTypes().map((s) => s.name).sort()).toEqual(Object.keys(CREATABLE).sort());
  });

  it('each have a description, a palette summary, an icon and a lineage reaching MediaObject', () => {
    for (const spec of creatableTypes()) {
      expect(spec.description, spec.name).toMatch(/\S/);
      expect(spec.summary, spec.name).toMatch(/\S/);
      expect(spec.summary!.length, `${spec.name} summary fits one palette line`).toBeLessThanOrEqual(48);
      expect(spec.icon, spec.name).toMatch(/^[a-z][a-z-]*$/);
      const chain = lineage(spec.name).map((s) => s.name);
      expect(chain[0]).toBe(spec.name);
      expect(chain.at(-1), spec.name).toBe('MediaObject');
    }
  });

  it('have distinct icons and summaries', () => {
    const icons = creatableTypes().map((s) => s.icon);
    const summaries = creatableTypes().map((s) => s.summary);
    expect(new Set(icons).size).toBe(icons.length);
    expect(new Set(summaries).size).toBe(summaries.length);
  });

  it('fall into the palette category a user expects', () => {
    for (const [name, category] of Object.entries(CREATABLE)) expect(categoryOf(name), name).toBe(category);
    expect(categoryOf('MediaPipeline')).toBe('pipeline');
    expect(categoryOf('MediaElement')).toBe('base');
  });

  it('are Fluo-only exactly for the five elements Kurento lacks', () => {
    const fluo = allClasses().filter((s) => isFluoOnly(s.name)).map((s) => s.name);
    expect(fluo.sort()).toEqual(['CameraEndpoint', 'FaceBlurFilter', 'FaceDetectorFilter', 'FfmpegFilter', 'TestPatternEndpoint']);
  });

  it('take mediaPipeline (or hub for a port) from context, not from the user', () => {
    for (const spec of creatableTypes()) {
      const context = spec.name === 'HubPort' ? 'hub' : 'mediaPipeline';
      expect(spec.constructorParams?.[0]?.name, spec.name).toBe(context);
      expect(userParams(spec.name).map((p) => p.name), spec.name).not.toContain(context);
    }
    expect(userParams('Composite').map((p) => p.name)).toEqual(['width', 'height', 'framerate']);
  });
});

describe('descriptions', () => {
  it('exist for every class, param, property, method, event, field and type', () => {
    const missing = describedThings().filter((t) => !t.description || !/\S/.test(t.description)).map((t) => t.where);
    expect(missing).toEqual([]);
  });

  it('are complete sentences, none truncated', () => {
    const bad = describedThings().filter((t) => t.description && (/\.\.\.|…/.test(t.description) || !/[.)]$/.test(t.description)));
    expect(bad.map((t) => `${t.where}: ${t.description}`)).toEqual([]);
  });
});

describe('references', () => {
  it('name only complex types and classes that exist', () => {
    const dangling = allValueTypes()
      .filter(({ type }) => (type.kind === 'complex' && !findComplexType(type.name)) || (type.kind === 'object' && !findClass(type.className)))
      .map(({ where }) => where);
    expect(dangling).toEqual([]);
  });

  it('extend only classes, events and structs that exist', () => {
    for (const spec of allClasses()) if (spec.extends) expect(findClass(spec.extends), spec.name).toBeDefined();
    for (const event of allEventSpecs()) if (event.extends) expect(findEvent(event.extends), event.name).toBeDefined();
    for (const type of allComplexTypes()) {
      if (type.kind === 'struct' && type.extends) expect(findComplexType(type.extends)?.kind, type.name).toBe('struct');
    }
  });

  it('declare only events from the events table', () => {
    const unknown = allClasses().flatMap((spec) => (spec.events ?? []).filter((e) => !findEvent(e)).map((e) => `${spec.name}: ${e}`));
    expect(unknown).toEqual([]);
  });

  it('never declare a member twice along one lineage', () => {
    for (const spec of allClasses()) {
      const properties = allProperties(spec.name).map((p) => p.name);
      expect(new Set(properties).size, spec.name).toBe(properties.length);
      const events = lineage(spec.name).flatMap((s) => s.events ?? []);
      expect(new Set(events).size, spec.name).toBe(events.length);
    }
  });
});

describe('defaults', () => {
  it('are valid values of their own type', () => {
    const invalid = allDefaults().flatMap(({ where, type, value }) => checkValue(type, value).map((p) => `${where}: ${p.message}`));
    expect(invalid).toEqual([]);
  });

  it('exist for the documented Kurento bandwidth settings', () => {
    expect(findProperty('WebRtcEndpoint', 'maxVideoSendBandwidth')?.default).toBe(500);
    expect(findProperty('WebRtcEndpoint', 'minVideoSendBandwidth')?.default).toBe(100);
    expect(findProperty('RtpEndpoint', 'mtu')?.default).toBe(1200);
    expect(findProperty('PassThrough', 'encoderBitrate')?.default).toBe(300000);
  });

  it('are what Kurento declares for constructor params', () => {
    const defaults = (type: string) => Object.fromEntries(userParams(type).map((p) => [p.name, p.default]));
    expect(defaults('Composite')).toEqual({ width: 800, height: 600, framerate: 15 });
    expect(defaults('PlayerEndpoint')).toEqual({ uri: undefined, useEncodedMedia: false, networkCache: 2000 });
    expect(defaults('WebRtcEndpoint')).toMatchObject({ certificateKeyType: 'RSA', qosDscp: 'NO_VALUE', useDataChannels: false });
    expect(defaults('HttpPostEndpoint')).toEqual({ disconnectionTimeout: 2, useEncodedMedia: false });
  });
});

describe('inheritance', () => {
  const methodNames = (type: string) => allMethods(type).map((m) => m.name);

  it('gives WebRtcEndpoint the members of every ancestor and its own', () => {
    expect(methodNames('WebRtcEndpoint')).toEqual(expect.arrayContaining(['processOffer', 'generateOffer', 'gatherCandidates', 'connect', 'requestKeyframe', 'addTag']));
    expect(allMethods('WebRtcEndpoint').find((m) => m.name === 'connect')?.params.map((p) => p.name)).toEqual([
      'sink',
      'mediaType',
      'sourceMediaDescription',
      'sinkMediaDescription',
    ]);
    const properties = allProperties('WebRtcEndpoint').map((p) => p.name);
    expect(properties).toEqual(expect.arrayContaining(['id', 'encoderBitrate', 'maxVideoRecvBandwidth', 'mtu', 'stunServerAddress']));
    expect(properties.indexOf('id')).toBeLessThan(properties.indexOf('stunServerAddress'));
    expect(allEvents('WebRtcEndpoint')).toEqual(
      expect.arrayContaining(['Error', 'ElementConnected', 'MediaSessionStarted', 'MediaStateChanged', 'IceCandidateFound']),
    );
    expect(isA('WebRtcEndpoint', 'SdpEndpoint')).toBe(true);
  });

  it("gives hubs their own connect only: a Hub is not a MediaElement", () => {
    expect(isA('Dispatcher', 'MediaElement')).toBe(false);
    const connects = allMethods('Dispatcher').filter((m) => m.name === 'connect');
    expect(connects).toHaveLength(1);
    expect(connects[0]!.params.map((p) => p.name)).toEqual(['source', 'sink']);
    expect(methodNames('Dispatcher')).not.toContain('disconnect');
    expect(allMethods('Mixer').find((m) => m.name === 'connect')?.params.map((p) => p.name)).toEqual(['media', 'source', 'sink']);
    expect(allProperties('Composite').map((p) => p.name)).not.toContain('encoderBitrate');
  });

  it('does not give a class the members of its subclasses or siblings', () => {
    expect(methodNames('RtpEndpoint')).not.toContain('gatherCandidates');
    expect(methodNames('PlayerEndpoint')).not.toContain('record');
    expect(allEvents('RecorderEndpoint')).not.toContain('EndOfStream');
  });

  it('gives events the fields of their base events first', () => {
    expect(eventFields('IceCandidateFound').map((f) => f.name)).toEqual(['source', 'timestampMillis', 'tags', 'type', 'candidate']);
    expect(eventFields('Error').map((f) => f.name)).toEqual(['source', 'timestampMillis', 'tags', 'description', 'errorCode', 'type']);
    expect(structFields('RTCInboundRTPStreamStats').slice(0, 3).map((f) => f.name)).toEqual(['id', 'type', 'timestampMillis']);
  });

  it('fails loudly for an unknown class', () => {
    expect(() => getClass('WebRtcEndPoint')).toThrow(/Unknown element type 'WebRtcEndPoint'/);
    expect(isA('Nope', 'MediaObject')).toBe(false);
  });
});

describe('pads', () => {
  const media = (type: string) => {
    const pads = padsOf(type);
    return { sources: pads.sources.flatMap((p) => p.mediaTypes).sort(), sinks: pads.sinks.flatMap((p) => p.mediaTypes).sort() };
  };
  const AV = ['AUDIO', 'VIDEO'];
  const AVD = ['AUDIO', 'DATA', 'VIDEO'];

  it('match what each element really produces and accepts', () => {
    const expected: Record<string, { sources: string[]; sinks: string[] }> = {
      WebRtcEndpoint: { sources: AVD, sinks: AVD },
      RtpEndpoint: { sources: AV, sinks: AV },
      PlayerEndpoint: { sources: AV, sinks: [] },
      RecorderEndpoint: { sources: [], sinks: AV },
      HttpPostEndpoint: { sources: AV, sinks: [] },
      CameraEndpoint: { sources: ['VIDEO'], sinks: [] },
      TestPatternEndpoint: { sources: AV, sinks: [] },
      FaceOverlayFilter: { sources: AV, sinks: AV },
      ImageOverlayFilter: { sources: AV, sinks: AV },
      ZBarFilter: { sources: AV, sinks: AV },
      FaceBlurFilter: { sources: AV, sinks: AV },
      FaceDetectorFilter: { sources: AV, sinks: AV },
      FfmpegFilter: { sources: AV, sinks: AV },
      PassThrough: { sources: AVD, sinks: AVD },
      HubPort: { sources: AV, sinks: AV },
    };
    for (const [type, pads] of Object.entries(expected)) expect(media(type), type).toEqual(pads);
  });

  it('are absent on hubs, which connect through their ports', () => {
    for (const type of ['Composite', 'Dispatcher', 'DispatcherOneToMany', 'AlphaBlending', 'Mixer']) expect(media(type), type).toEqual({ sources: [], sinks: [] });
  });

  it("are named 'default' and cover every creatable element", () => {
    for (const spec of creatableTypes()) {
      const pads = padsOf(spec.name);
      for (const pad of [...pads.sources, ...pads.sinks]) expect(pad.name, spec.name).toBe('default');
      if (categoryOf(spec.name) !== 'hub') expect(pads.sources.length + pads.sinks.length, spec.name).toBeGreaterThan(0);
    }
  });
});

describe('editor hints', () => {
  it('mark as inspector actions exactly the run-time buttons', () => {
    const actions = allClasses().flatMap((spec) => (spec.methods ?? []).filter((m) => m.action).map((m) => `${spec.name}.${m.name}`));
    expect(actions.sort()).toEqual(
      [
        'BaseRtpEndpoint.requestKeyframe',
        'Dispatcher.connect',
        'DispatcherOneToMany.removeSource',
        'DispatcherOneToMany.setSource',
        'FaceOverlayFilter.unsetOverlayedImage',
        'PlayerEndpoint.play',
        'RecorderEndpoint.record',
        'RecorderEndpoint.stopAndWait',
        'UriEndpoint.pause',
        'UriEndpoint.stop',
      ].sort(),
    );
  });

  it("carry Kurento's units", () => {
    const unit = (type: string, property: string) => findProperty(type, property)?.unit;
    const paramUnit = (type: string, param: string) => userParams(type).find((p) => p.name === param)?.unit;
    expect(unit('WebRtcEndpoint', 'maxVideoSendBandwidth')).toBe('kbps');
    expect(unit('WebRtcEndpoint', 'maxAudioRecvBandwidth')).toBe('kbps');
    expect(unit('RtpEndpoint', 'minVideoRecvBandwidth')).toBe('kbps');
    expect(unit('RecorderEndpoint', 'encoderBitrate')).toBe('bps');
    expect(unit('WebRtcEndpoint', 'mtu')).toBe('bytes');
    expect(unit('PlayerEndpoint', 'position')).toBe('ms');
    expect(paramUnit('PlayerEndpoint', 'networkCache')).toBe('ms');
    expect(paramUnit('HttpPostEndpoint', 'disconnectionTimeout')).toBe('s');
    expect(paramUnit('Composite', 'width')).toBe('px');
    expect(paramUnit('Composite', 'framerate')).toBe('fps');
  });

  it('give URI and SDP strings their format', () => {
    const format = (type: ValueType | undefined) => (type?.kind === 'string' ? type.format : undefined);
    const paramType = (type: string, name: string) => userParams(type).find((p) => p.name === name)?.type;
    const methodParamType = (type: string, m: string, name: string) => allMethods(type).find((x) => x.name === m)?.params.find((p) => p.name === name)?.type;
    expect(format(paramType('PlayerEndpoint', 'uri'))).toBe('uri');
    expect(format(paramType('RecorderEndpoint', 'uri'))).toBe('file-uri');
    expect(format(methodParamType('WebRtcEndpoint', 'processOffer', 'offer'))).toBe('sdp');
    expect(format(methodParamType('RtpEndpoint', 'processAnswer', 'answer'))).toBe('sdp');
    expect(format(allMethods('WebRtcEndpoint').find((m) => m.name === 'generateOffer')?.returns)).toBe('sdp');
    expect(format(methodParamType('FaceOverlayFilter', 'setOverlayedImage', 'uri'))).toBe('uri');
  });

  it('reject constructor values outside the documented ranges', () => {
    expect(checkFields(userParams('Composite'), { width: 0 }, '', 'Composite')).toEqual([{ path: '/width', message: "'width' must be at least 1, got 0" }]);
    expect(checkFields(userParams('Composite'), { framerate: 30, height: 720 }, '', 'Composite')).toEqual([]);
    expect(checkFields(userParams('PlayerEndpoint'), { uri: '' }, '', 'PlayerEndpoint')).toEqual([{ path: '/uri', message: "'uri' must not be empty" }]);
    expect(checkFields(userParams('WebRtcEndpoint'), { qosDscp: 'EF' }, '', 'WebRtcEndpoint')).toEqual([]);
    expect(checkValue(findProperty('WebRtcEndpoint', 'maxVideoSendBandwidth')!.type, -1)).toEqual([{ path: '', message: 'must be at least 0, got -1' }]);
  });
});
