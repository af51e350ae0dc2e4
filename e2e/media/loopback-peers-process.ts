/**
 * Werift peers in a child process for bench/loopback.ts, so the parent's CPU is the engine's
 * alone. Each peer sends a real pre-encoded VP8 640x480@30 stream (frames read from the JSON
 * file named by argv[2], looped; a keyframe request jumps to the next keyframe of the loop) and
 * counts what comes back. Frames returned byte for byte (pass-through) are recognised by their
 * hash, which gives each one's round trip. Signalling is JSON lines on stdin/stdout:
 *   ← {type:'offer', id, sdp}     → {type:'answer', id, sdp}
 *   ← {type:'run', seconds}       → {type:'result', peers: [{sent, received, keyframesReceived, connected, rtts (sorted ms)}], cpuPercent}
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { WebRtcTransport } from '../../engine/webrtc/webrtc-transport.ts';

export interface EncodedStreamFile {
  fps: number;
  frames: { keyframe: boolean; data: string }[];
}

const WARMUP_MS = 2000;

const stream = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as EncodedStreamFile;
const frames = stream.frames.map((f) => ({ keyframe: f.keyframe, data: Buffer.from(f.data, 'base64') }));
const hashOf = (data: Buffer): string => createHash('sha1').update(data).digest('base64');
const indexOfHash = new Map(frames.map((f, i) => [hashOf(f.data), i]));

interface Peer {
  transport: WebRtcTransport;
  next: number;
  sequence: number;
  keyframeWanted: boolean;
  sentAt: Float64Array;
  sent: number;
  received: number;
  keyframesReceived: number;
  rtts: number[];
}

const peers: Peer[] = [];
let measuring = false;

async function answer(id: number, sdp: string): Promise<void> {
  const peer: Peer = {
    transport: undefined as unknown as WebRtcTransport,
    // Peers start at different points of the loop, like independent cameras.
    next: (id * 7) % frames.length,
    sequence: 0,
    keyframeWanted: true,
    sentAt: new Float64Array(frames.length),
    sent: 0,
    received: 0,
    keyframesReceived: 0,
    rtts: [],
  };
  peer.transport = new WebRtcTransport(
    { direction: 'sendrecv' },
    {
      onKeyframeRequested: () => (peer.keyframeWanted = true),
      onFrame: (_kind, _codec, frame) => {
        if (!measuring) return;
        peer.received++;
        if (frame.keyframe) peer.keyframesReceived++;
        const index = indexOfHash.get(hashOf(frame.data));
        if (index !== undefined) peer.rtts.push(performance.now() - peer.sentAt[index]!);
      },
    },
  );
  peers.push(peer);
  const local = await peer.transport.processOffer(sdp);
  process.stdout.write(`${JSON.stringify({ type: 'answer', id, sdp: local })}\n`);
}

function sendNext(peer: Peer): void {
  if (peer.keyframeWanted && !frames[peer.next]!.keyframe) {
    // No encoder here: jump to the next keyframe of the loop.
    while (!frames[peer.next]!.keyframe) peer.next = (peer.next + 1) % frames.length;
  }
  const index = peer.next;
  peer.next = (peer.next + 1) % frames.length;
  peer.sequence++;
  peer.sentAt[index] = performance.now();
  if (peer.transport.sendFrame('video', 'VP8', frames[index]!.data, Math.round((peer.sequence * 1_000_000) / stream.fps))) {
    peer.keyframeWanted = false;
    if (measuring) peer.sent++;
  }
}

async function run(seconds: number): Promise<void> {
  // Paced by the clock, not by setInterval's drift: each tick sends what is due.
  const started = performance.now();
  let due = 0;
  const timer = setInterval(() => {
    const target = Math.floor(((performance.now() - started) * stream.fps) / 1000);
    for (; due < target; due++) for (const peer of peers) sendNext(peer);
  }, 5);
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  measuring = true;
  const cpuStart = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const cpu = process.cpuUsage(cpuStart);
  measuring = false;
  clearInterval(timer);
  process.stdout.write(
    `${JSON.stringify({
      type: 'result',
      peers: peers.map((p) => ({
        sent: p.sent,
        received: p.received,
        keyframesReceived: p.keyframesReceived,
        connected: p.transport.pc.connectionState === 'connected',
        rtts: p.rtts.sort((a, b) => a - b).map((r) => Math.round(r * 100) / 100),
      })),
      cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 1000) / 10,
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
