import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { CandidatePolicy } from './candidate-policy.ts';

const loopbackName = Object.entries(networkInterfaces()).find(([, list]) => list?.some((e) => e.address === '127.0.0.1'))?.[0] ?? 'lo';
const host = (ip: string) => `candidate:1 1 udp 2116026367 ${ip} 40000 typ host generation 0 ufrag ab`;

describe('CandidatePolicy', () => {
  it('keeps only candidates on the named interfaces', () => {
    const policy = new CandidatePolicy({ networkInterfaces: loopbackName });
    expect(policy.apply(host('127.0.0.1'))).toBe(host('127.0.0.1'));
    expect(policy.apply(host('203.0.113.9'))).toBeUndefined();
    const sdp = ['v=0', `a=${host('127.0.0.1')}`, `a=${host('203.0.113.9')}`, 'a=end-of-candidates'].join('\r\n');
    expect(policy.applySdp(sdp)).toBe(['v=0', `a=${host('127.0.0.1')}`, 'a=end-of-candidates'].join('\r\n'));
    expect(new CandidatePolicy({ networkInterfaces: `${loopbackName}, nosuch0` }).unknownInterfaces()).toEqual(['nosuch0']);
  });

  it('writes the external address into host candidates of its family only', () => {
    const policy = new CandidatePolicy({ externalIPv4: '198.51.100.7' });
    expect(policy.apply(host('10.0.0.5'))).toBe(host('198.51.100.7'));
    expect(policy.apply(host('fd00::2'))).toBe(host('fd00::2'));
    const srflx = 'candidate:2 1 udp 1686052607 203.0.113.1 50000 typ srflx raddr 10.0.0.5 rport 40000';
    expect(policy.apply(srflx)).toBe(srflx);
    expect(new CandidatePolicy({}).applySdp(`a=${host('10.0.0.5')}`)).toBe(`a=${host('10.0.0.5')}`);
  });
});
