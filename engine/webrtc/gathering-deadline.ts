/**
 * A bound on how long an offer or answer waits for ICE candidates.
 *
 * werift's setLocalDescription awaits candidate gathering, and gathering awaits every STUN and
 * TURN server: a TURN server that drops packets holds createAnswer's caller ~6.4 s (werift's 7
 * Allocate tries, 50 ms apart and doubling), a silent STUN server 5 s. Here each ICE transport's
 * gather() returns at the deadline at the latest, so setLocalDescription goes on with the
 * candidates gathered by then (host ones take milliseconds). werift's own gathering carries on:
 * what it finds later (a relay) arrives through onIceCandidate like any trickled candidate, and its
 * end (onIceCandidate(undefined), a=end-of-candidates) once the last server answered or gave up.
 * Until then a candidate that comes late is paired with the peer's, and ICE keeps checking.
 */
import type { RTCIceTransport, RTCPeerConnection } from 'werift';

/** The werift ICE internals a late candidate needs (private in werift's types). */
interface PairingConnection {
  protocols: unknown[];
  pairLocalProtocol(protocol: unknown): void;
}

export class GatheringDeadline {
  private readonly bounded = new WeakSet<RTCIceTransport>();
  /** werift gatherings that outlived the deadline, until they end. */
  private readonly unfinished = new Set<Promise<void>>();

  constructor(private readonly deadlineMs: number) {}

  /** Bounds every ICE transport of `pc` that has not gathered yet: call just before setLocalDescription. */
  apply(pc: RTCPeerConnection): void {
    for (const ice of pc.iceTransports) {
      if (this.bounded.has(ice) || ice.gatheringState !== 'new') continue;
      this.bounded.add(ice);
      const gather = ice.gather.bind(ice);
      ice.gather = () => this.bound(ice, gather());
    }
  }

  /** Whether some werift gathering is still going on past its deadline. */
  get pending(): boolean {
    return this.unfinished.size > 0;
  }

  /** Resolves once every gathering that outlived its deadline has ended (werift bounds them itself). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.unfinished]);
  }

  private async bound(ice: RTCIceTransport, gathering: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.deadlineMs);
    });
    try {
      if ((await Promise.race([gathering, deadline])) === 'late') this.finishLater(ice, gathering);
    } finally {
      clearTimeout(timer);
    }
  }

  private finishLater(ice: RTCIceTransport, gathering: Promise<void>): void {
    const connection = ice.connection;
    // werift pairs a relay candidate with the peer's candidates only in connect(), which now may
    // run before the relay exists: pair what comes late with the candidates known by then
    // (werift skips pairs it already has).
    const pairing = connection as unknown as Partial<PairingConnection>;
    const late = ice.onIceCandidate.subscribe((candidate) => {
      if (!candidate || typeof pairing.pairLocalProtocol !== 'function') return;
      for (const protocol of pairing.protocols ?? []) pairing.pairLocalProtocol(protocol);
    });
    // werift stops checking, and fails ICE, once the peer has said end-of-candidates and every
    // pair known has failed, even while a relay of ours is still coming: hold the peer's end
    // back until our gathering ends too.
    let peerEnded = connection.remoteCandidatesEnd;
    connection.remoteCandidatesEnd = false;
    const addRemoteCandidate = ice.addRemoteCandidate;
    ice.addRemoteCandidate = (candidate) => {
      if (candidate) return addRemoteCandidate(candidate);
      peerEnded = true;
      return undefined;
    };
    const ended: Promise<void> = gathering
      .catch(() => undefined)
      .then(() => {
        late.unSubscribe();
        ice.addRemoteCandidate = addRemoteCandidate;
        if (peerEnded) connection.remoteCandidatesEnd = true;
        this.unfinished.delete(ended);
      });
    this.unfinished.add(ended);
  }
}
