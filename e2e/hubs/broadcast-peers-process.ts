/**
 * Werift peers in a child process for bench/hubs.ts, so the parent's CPU is the engine's alone:
 * one sender that streams a pre-encoded VP8 loop (frames from the JSON file named by argv[2];
 * a keyframe request jumps to the next keyframe of the loop) and any number of receive-only
 * viewers that count the frames they get. Signalling is JSON lines on stdin/stdout:
 *   ← {type:'offer', id, role:'sender'|'viewer', sdp}   → {type:'answer', id, sdp}
 *   ← {type:'count', id}                                 → {type:'counts', id, received: number[], cpuMs}
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { WebRtcTransport } from '../../engine/webrtc/webrtc-transport.ts';
import type { EncodedStreamFile } from '../media/loopback-peers-process.ts';

const stream = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as EncodedStreamFile;
const frames = stream.frames.map((f) => ({ keyframe: f.keyframe, data: Buffer.from(f.data, 'base64') }));
const viewers: { transport: WebRtcTransport; received: number }[] = [];
const senders: WebRtcTransport[] = [];

function startSender(transport: WebRtcTransport, keyframeWanted: { value: boolean }): void {
  let next = 0;
  let sequence = 0;
  const timer = setInterval(() => {
    if (keyframeWanted.value) {
      while (!frames[next]!.keyframe) next = (next + 1) % frames.length;
      keyframeWanted.value = false;
    }
    const frame = frames[next]!;
    next = (next + 1) % frames.length;
    transport.sendFrame('video', 'VP8', frame.data, Math.round((sequence++ * 1_000_000) / stream.fps));
  }, 1000 / stream.fps);
  transport.pc.connectionStateChange.subscribe((state) => {
    if (state === 'closed' || state === 'failed') clearInterval(timer);
  });
}

async function answer(role: string, sdp: string): Promise<string> {
  if (role === 'sender') {
    const keyframeWanted = { value: true };
    const transport = new WebRtcTransport({ direction: 'sendonly' }, { onKeyframeRequested: () => (keyframeWanted.value = true) });
    senders.push(transport);
    const local = await transport.processOffer(sdp);
    startSender(transport, keyframeWanted);
    return local;
  }
  const viewer = { transport: undefined as unknown as WebRtcTransport, received: 0 };
  viewer.transport = new WebRtcTransport({ direction: 'recvonly' }, { onFrame: () => void viewer.received++ });
  viewers.push(viewer);
  return viewer.transport.processOffer(sdp);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line) as { type: string; id: number; role: string; sdp: string };
  if (message.type === 'offer') {
    void answer(message.role, message.sdp).then((sdp) => process.stdout.write(`${JSON.stringify({ type: 'answer', id: message.id, sdp })}\n`));
  } else if (message.type === 'count') {
    const cpu = process.cpuUsage();
    const received = viewers.map((v) => v.received);
    process.stdout.write(`${JSON.stringify({ type: 'counts', id: message.id, received, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
  }
});
