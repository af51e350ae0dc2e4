/**
 * Kurento's getStats for a WebRtcEndpoint: werift's W3C statistics turned into Kurento's records
 * (RTCInboundRTPStreamStats, RTCOutboundRTPStreamStats and the endpoint's own EndpointStats),
 * keyed by id as Kurento's Stats<> map is.
 */
import type { MediaType } from '../../catalog/types.ts';

type W3cStats = Record<string, unknown> & { type?: string; kind?: string; id?: string; ssrc?: number };

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export function kurentoStats(
  endpointId: string,
  report: Iterable<unknown>,
  mediaType: MediaType | undefined,
  extra: { remb: number; targetBitrate: number },
): Record<string, Record<string, unknown>> {
  const now = Date.now();
  const out: Record<string, Record<string, unknown>> = {
    [endpointId]: { id: endpointId, type: 'endpoint', timestampMillis: now, inputLatency: [], E2ELatency: [] },
  };
  for (const value of report) {
    const w = value as W3cStats;
    if (w.type !== 'inbound-rtp' && w.type !== 'outbound-rtp') continue;
    if (mediaType && mediaType !== 'DATA' && w.kind !== mediaType.toLowerCase()) continue;
    const id = String(w.id);
    const common = {
      id,
      timestampMillis: now,
      ssrc: String(w.ssrc ?? ''),
      associateStatsId: String(w.remoteId ?? ''),
      isRemote: false,
      mediaTrackId: String(w.trackIdentifier ?? w.mid ?? ''),
      transportId: String(w.transportId ?? ''),
      codecId: String(w.codecId ?? ''),
      firCount: num(w.firCount),
      pliCount: num(w.pliCount),
      nackCount: num(w.nackCount),
      sliCount: 0,
      packetsLost: num(w.packetsLost),
      fractionLost: num(w.fractionLost),
    };
    out[id] =
      w.type === 'inbound-rtp'
        ? { ...common, type: 'inboundrtp', remb: 0, packetsReceived: num(w.packetsReceived), bytesReceived: num(w.bytesReceived), jitter: num(w.jitter) }
        : {
            ...common,
            type: 'outboundrtp',
            remb: w.kind === 'video' ? extra.remb : 0,
            packetsSent: num(w.packetsSent),
            bytesSent: num(w.bytesSent),
            targetBitrate: w.kind === 'video' ? extra.targetBitrate : 0,
            roundTripTime: num(w.roundTripTime),
          };
  }
  return out;
}
