/** The catalog-generated protocol surface against Kurento's own module descriptors. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compareKmd, type KmdDocument } from './kmd-compare.ts';
import { moduleDescriptor } from './kmd.ts';

const require = createRequire(import.meta.url);

function kurentoKmd(module: 'core' | 'elements' | 'filters'): KmdDocument {
  const path = require.resolve(`kurento-client-${module}/src/${module}.kmd.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as KmdDocument;
}

function ours(module: 'core' | 'elements' | 'filters'): KmdDocument {
  return moduleDescriptor(module) as unknown as KmdDocument;
}

describe.each(['core', 'elements', 'filters'] as const)('the %s module', (module) => {
  it('matches Kurento 7.3.0 in classes, constructors, properties, methods, events and types', () => {
    expect(compareKmd(kurentoKmd(module), ours(module))).toEqual([]);
  });
});

describe('the comparison', () => {
  it('notices a changed default, a missing method, a flipped property access and an enum value', () => {
    const changed = structuredClone(ours('elements'));
    const webrtc = changed.remoteClasses.find((c) => c.name === 'WebRtcEndpoint')!;
    webrtc.constructor!.params.find((p) => p.name === 'certificateKeyType')!.defaultValue = 'ECDSA';
    webrtc.methods = webrtc.methods!.filter((m) => m.name !== 'gatherCandidates');
    delete webrtc.properties!.find((p) => p.name === 'ICECandidatePairs')!.readOnly;
    changed.complexTypes.find((t) => t.name === 'MediaProfileSpecType')!.values!.pop();
    const problems = compareKmd(kurentoKmd('elements'), changed);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/WebRtcEndpoint constructor.*certificateKeyType: CertificateKeyType\? = \\"ECDSA\\"/);
    expect(problems.join('\n')).toContain('WebRtcEndpoint methods');
    expect(problems.join('\n')).toContain('ICECandidatePairs: IceCandidatePair[] (rw)');
    expect(problems.join('\n')).toContain('enum MediaProfileSpecType');
  });
});
