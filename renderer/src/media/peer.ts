/**
 * A WebRTC peer of the page with an engine WebRtcEndpoint: Kurento's browser side (offer from
 * the page, answer from the endpoint, trickle ICE both ways), used for the page's camera
 * feeding a graph and for live previews of any element's output.
 */
import type { IceCandidate } from '../../../app/rpc/api.ts';

export interface PeerOptions {
  /** Send the page's camera (getUserMedia; falls back to receive-only when there is none). */
  send: boolean;
  receive: boolean;
  negotiate(offer: string): Promise<string>;
  sendCandidate(candidate: IceCandidate): Promise<unknown>;
  onStream(stream: MediaStream): void;
  onStats(stats: PeerStats): void;
  onFailure(message: string): void;
}

export interface PeerStats {
  fps: number;
  width: number;
  height: number;
  /** null until two samples have been taken. */
  kbps: number | null;
  state: RTCPeerConnectionState;
}

/** What a preview shows under its picture: "640×480 · 30 fps · 512 kb/s", or the connection state before any frame. */
export function statsText(stats: PeerStats): string {
  if (stats.width === 0) return stats.state;
  return `${stats.width}×${stats.height} · ${stats.fps} fps${stats.kbps === null ? '' : ` · ${stats.kbps} kb/s`}`;
}

export interface Peer {
  addRemoteCandidate(candidate: IceCandidate): void;
  close(): void;
}

async function camera(): Promise<MediaStream | undefined> {
  try {
    return await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  } catch {
    try {
      return await navigator.mediaDevices.getUserMedia({ video: true });
    } catch {
      return undefined;
    }
  }
}

export async function openPeer(options: PeerOptions): Promise<Peer> {
  const pc = new RTCPeerConnection();
  const local = options.send ? await camera() : undefined;
  const direction: RTCRtpTransceiverDirection = local ? (options.receive ? 'sendrecv' : 'sendonly') : 'recvonly';
  for (const kind of ['audio', 'video'] as const) {
    const track = local?.getTracks().find((t) => t.kind === kind);
    if (track) pc.addTransceiver(track, { direction, streams: [local!] });
    else if (options.receive) pc.addTransceiver(kind, { direction: 'recvonly' });
  }
  const pending: IceCandidate[] = [];
  let answered = false;
  let closed = false;
  const remote = new MediaStream();
  pc.ontrack = (event) => {
    remote.addTrack(event.track);
    options.onStream(remote);
  };
  // Local candidates wait for the answer: the endpoint takes them once it has the offer.
  const outgoing: IceCandidate[] = [];
  const send = (c: IceCandidate) => void options.sendCandidate(c).catch((e: unknown) => options.onFailure(`ICE candidate refused: ${String(e)}`));
  pc.onicecandidate = (event) => {
    if (!event.candidate?.candidate) return;
    const { candidate, sdpMid, sdpMLineIndex } = event.candidate;
    const c = { candidate, sdpMid: sdpMid ?? '0', sdpMLineIndex: sdpMLineIndex ?? 0 };
    if (answered) send(c);
    else outgoing.push(c);
  };
  pc.onconnectionstatechange = () => {
    if (pc.connectionState === 'failed') options.onFailure('WebRTC connection failed');
  };
  const timer = setInterval(() => void sample(pc, options.onStats), 1000);

  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  try {
    const answer = await options.negotiate(pc.localDescription!.sdp);
    if (closed) return { addRemoteCandidate: () => undefined, close: () => undefined };
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    answered = true;
    for (const c of pending.splice(0)) void pc.addIceCandidate(c).catch(() => undefined);
    for (const c of outgoing.splice(0)) send(c);
  } catch (error) {
    clearInterval(timer);
    pc.close();
    local?.getTracks().forEach((t) => t.stop());
    throw error;
  }
  return {
    addRemoteCandidate: (candidate) => {
      if (answered) void pc.addIceCandidate(candidate).catch(() => undefined);
      else pending.push(candidate);
    },
    close: () => {
      closed = true;
      clearInterval(timer);
      pc.close();
      local?.getTracks().forEach((t) => t.stop());
    },
  };
}

const lastBytes = new WeakMap<RTCPeerConnection, { bytes: number; at: number }>();

/** fps, resolution and bitrate of the received video (what the node shows under its preview). */
async function sample(pc: RTCPeerConnection, report: (stats: PeerStats) => void): Promise<void> {
  if (pc.connectionState === 'closed') return;
  const stats = await pc.getStats();
  let fps = 0;
  let width = 0;
  let height = 0;
  let bytes = 0;
  stats.forEach((s: Record<string, unknown>) => {
    if (s.type === 'inbound-rtp') {
      bytes += Number(s.bytesReceived ?? 0);
      if (s.kind === 'video') {
        fps = Number(s.framesPerSecond ?? 0);
        width = Number(s.frameWidth ?? 0);
        height = Number(s.frameHeight ?? 0);
      }
    }
  });
  const now = performance.now();
  const previous = lastBytes.get(pc);
  lastBytes.set(pc, { bytes, at: now });
  const kbps = previous ? Math.round(Math.max(0, ((bytes - previous.bytes) * 8) / (now - previous.at))) : null;
  report({ fps, width, height, kbps, state: pc.connectionState });
}
