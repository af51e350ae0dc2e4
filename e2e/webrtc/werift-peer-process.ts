/**
 * Many werift WebRTC peers in a child process, for bench/webrtc.ts: the engine's CPU is then
 * the parent's alone. Signalling is JSON lines on stdin/stdout:
 *   ← {type:'offer', id, sdp}        → {type:'answer', id, sdp}
 *   ← {type:'run', seconds}          → {type:'result', ...figures}
 * Each peer sends 30 fps of VP8-shaped frames (one RTP packet each) stamped with the send
 * time and measures the round trip of the frames that come back.
 */
import { createInterface } from 'node:readline';
import { WebRtcTransport } from '../../engine/webrtc/webrtc-transport.ts';

const FRAME_BYTES = 1000;
const KEYFRAME_EVERY = 60;
const MAGIC = 0x464c554f; // 'FLUO'

interface Peer {
  transport: WebRtcTransport;
  keyframeWanted: boolean;
  index: number;
}

const peers: Peer[] = [];
const rtts: number[] = [];
let measuring = false;
let sent = 0;
let received = 0;

function frame(keyframe: boolean): Buffer {
  const data = Buffer.alloc(FRAME_BYTES, 0x55);
  data[0] = keyframe ? 0x10 : 0x11;
  data.writeUInt32BE(MAGIC, 4);
  data.writeDoubleBE(performance.now(), 8);
  return data;
}

async function answer(id: number, sdp: string): Promise<void> {
  const peer: Peer = { transport: undefined as unknown as WebRtcTransport, keyframeWanted: true, index: 0 };
  peer.transport = new WebRtcTransport(
    { direction: 'sendrecv' },
    {
      onKeyframeRequested: () => (peer.keyframeWanted = true),
      onFrame: (_kind, _codec, f) => {
        if (f.data.length < 16 || f.data.readUInt32BE(4) !== MAGIC) return;
        if (!measuring) return;
        received++;
        rtts.push(performance.now() - f.data.readDoubleBE(8));
      },
    },
  );
  peers.push(peer);
  const local = await peer.transport.processOffer(sdp);
  process.stdout.write(`${JSON.stringify({ type: 'answer', id, sdp: local })}\n`);
}

function tick(): void {
  for (const peer of peers) {
    const keyframe = peer.keyframeWanted || peer.index % KEYFRAME_EVERY === 0;
    peer.index++;
    if (peer.transport.sendFrame('video', 'VP8', frame(keyframe), peer.index * 33_333)) {
      peer.keyframeWanted = false;
      if (measuring) sent++;
    }
  }
}

async function run(seconds: number): Promise<void> {
  const timer = setInterval(tick, 33);
  await new Promise((resolve) => setTimeout(resolve, 2000)); // connect and first keyframes
  measuring = true;
  const cpuStart = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const cpu = process.cpuUsage(cpuStart);
  measuring = false;
  clearInterval(timer);
  rtts.sort((a, b) => a - b);
  const at = (p: number): number => rtts[Math.min(rtts.length - 1, Math.floor(p * rtts.length))] ?? Number.NaN;
  process.stdout.write(
    `${JSON.stringify({
      type: 'result',
      connected: peers.filter((p) => p.transport.pc.connectionState === 'connected').length,
      sent,
      received,
      rttMedianMs: Math.round(at(0.5) * 10) / 10,
      rttP90Ms: Math.round(at(0.9) * 10) / 10,
      rttP99Ms: Math.round(at(0.99) * 10) / 10,
      peerCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 1000) / 10,
    })}\n`,
  );
  await Promise.all(peers.map((p) => p.transport.close()));
  process.exit(0);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line) as { type: string; id: number; sdp: string; seconds: number };
  if (message.type === 'offer') void answer(message.id, message.sdp);
  else if (message.type === 'run') void run(message.seconds);
});
