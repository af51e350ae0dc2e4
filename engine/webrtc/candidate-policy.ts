/**
 * Kurento's WebRtcEndpoint ICE settings that werift has no switch for, applied to our local
 * candidates (in IceCandidateFound events and in our SDP alike):
 *  - networkInterfaces: only candidates on the addresses of the named interfaces ('eth0,wlan0');
 *  - externalIPv4 / externalIPv6: that public address written into every host candidate of its
 *    family (a server behind a 1:1 NAT or port forwarding).
 */
import { networkInterfaces } from 'node:os';

export interface CandidatePolicyOptions {
  networkInterfaces?: string;
  externalIPv4?: string;
  externalIPv6?: string;
}

/** candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> ... */
const CANDIDATE = /^((?:a=)?candidate:\S+ \d+ \S+ \d+ )(\S+)( \d+ typ (\S+).*)$/;

export class CandidatePolicy {
  private readonly allowed: Set<string> | undefined;

  constructor(private readonly options: CandidatePolicyOptions) {
    const names = (options.networkInterfaces ?? '').split(',').map((n) => n.trim()).filter(Boolean);
    if (names.length > 0) {
      const table = networkInterfaces();
      this.allowed = new Set(names.flatMap((name) => (table[name] ?? []).map((entry) => entry.address)));
    }
  }

  /** Interfaces named in networkInterfaces that this machine does not have. */
  unknownInterfaces(): string[] {
    const table = networkInterfaces();
    return (this.options.networkInterfaces ?? '').split(',').map((n) => n.trim()).filter((n) => n && !table[n]);
  }

  /** The candidate line as the peer should see it, or undefined to leave it out. */
  apply(line: string): string | undefined {
    const match = CANDIDATE.exec(line);
    if (!match) return line;
    const [, head, address, tail, type] = match as unknown as [string, string, string, string, string];
    if (this.allowed && !this.allowed.has(address)) return undefined;
    if (type !== 'host') return line;
    const external = address.includes(':') ? this.options.externalIPv6 : this.options.externalIPv4;
    return external ? `${head}${external}${tail}` : line;
  }

  /** Applies the policy to every a=candidate line of an SDP. */
  applySdp(sdp: string): string {
    if (!this.active) return sdp;
    return sdp
      .split('\r\n')
      .map((line) => (line.startsWith('a=candidate:') ? this.apply(line) : line))
      .filter((line): line is string => line !== undefined)
      .join('\r\n');
  }

  get active(): boolean {
    return this.allowed !== undefined || !!this.options.externalIPv4 || !!this.options.externalIPv6;
  }
}
