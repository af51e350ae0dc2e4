/**
 * A headless Chromium page acting as a WebRTC peer of the engine (Kurento's browser side):
 * fake camera → RTCPeerConnection → the engine, and a <video> showing what comes back.
 * Signalling goes straight through Playwright (exposeFunction / evaluate): no server of ours
 * in between, only a tiny HTTP server so the page is a secure context (getUserMedia).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  // Real host addresses instead of mDNS .local names, which werift cannot resolve.
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];

export interface PeerStats {
  connectionState: string;
  width: number;
  height: number;
  /** Frames shown by the remote <video> (requestVideoFrameCallback count). */
  frames: number;
  /** Round trips measured by the canvas-timestamp probe (ms). */
  latencies: number[];
}

export interface ReceivedCounts {
  audioPackets: number;
  /** Decoded audio samples (Chrome's totalSamplesReceived). */
  audioSamples: number;
  videoFramesDecoded: number;
}

export type VideoSource = 'camera' | 'probe' | 'pattern';

export interface PeerOptions {
  audio?: boolean;
  /** Candidates one by one (true) or all inside the offer (false). */
  trickle?: boolean;
  source?: VideoSource;
  /** The video codec the page offers (VP8: the browser's default list). */
  codec?: 'VP8' | 'H264';
  /** Open a data channel 'chat' before offering. */
  dataChannel?: boolean;
}

export interface IceCandidateJson {
  candidate: string;
  sdpMid: string;
  sdpMLineIndex: number;
}

const PAGE = String.raw`<!doctype html>
<html><body>
<video id="local" muted autoplay playsinline></video>
<video id="remote" muted autoplay playsinline></video>
<canvas id="probe" width="640" height="480"></canvas>
<script>
const remote = document.getElementById('remote');
const state = { pc: null, pending: [], remoteSet: false, frames: 0, latencies: [] };
function countFrames() {
  remote.requestVideoFrameCallback(() => { state.frames++; countFrames(); });
}
// The probe source: a canvas whose colour encodes the time it was drawn (for latency).
function probeStream() {
  const canvas = document.getElementById('probe');
  const ctx = canvas.getContext('2d');
  const draw = () => {
    const ms = Math.floor(performance.now()) % 4096;
    // 12 bits of time in 4 blocks of 3 bits: each block black or white per bit, robust to coding.
    for (let i = 0; i < 12; i++) {
      ctx.fillStyle = (ms >> i) & 1 ? '#fff' : '#000';
      ctx.fillRect((i % 4) * 160, Math.floor(i / 4) * 160, 160, 160);
    }
    requestAnimationFrame(draw);
  };
  draw();
  return canvas.captureStream(30);
}
// Four flat colour quadrants (what the receiver must reproduce) and a small moving square
// in the middle so the canvas keeps producing frames.
const QUADRANTS = [[220, 40, 40], [40, 200, 60], [40, 60, 220], [230, 230, 230]];
function patternStream() {
  const canvas = document.getElementById('probe');
  const ctx = canvas.getContext('2d');
  let n = 0;
  const draw = () => {
    QUADRANTS.forEach(([r, g, b], i) => {
      ctx.fillStyle = 'rgb(' + r + ',' + g + ',' + b + ')';
      ctx.fillRect((i % 2) * 320, Math.floor(i / 2) * 240, 320, 240);
    });
    ctx.fillStyle = '#000';
    ctx.fillRect(300 + (n++ % 20), 220, 20, 20);
    requestAnimationFrame(draw);
  };
  draw();
  return canvas.captureStream(30);
}
// Mean colour of a 100x100 block at the centre of each quadrant of the remote video.
function sampleQuadrants() {
  const c = document.createElement('canvas');
  c.width = 640; c.height = 480;
  const ctx = c.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(remote, 0, 0, 640, 480);
  return [0, 1, 2, 3].map((i) => {
    const d = ctx.getImageData((i % 2) * 320 + 110, Math.floor(i / 2) * 240 + 70, 100, 100).data;
    const sum = [0, 0, 0];
    for (let k = 0; k < d.length; k += 4) { sum[0] += d[k]; sum[1] += d[k + 1]; sum[2] += d[k + 2]; }
    return sum.map((v) => Math.round(v / (d.length / 4)));
  });
}
function readProbe() {
  const c = document.createElement('canvas');
  c.width = 640; c.height = 480;
  const ctx = c.getContext('2d', { willReadFrequently: true });
  const measure = () => {
    ctx.drawImage(remote, 0, 0, 640, 480);
    let ms = 0;
    for (let i = 0; i < 12; i++) {
      const p = ctx.getImageData((i % 4) * 160 + 80, Math.floor(i / 4) * 160 + 80, 1, 1).data;
      if (p[0] + p[1] + p[2] > 382) ms |= 1 << i;
    }
    const now = Math.floor(performance.now()) % 4096;
    state.latencies.push((now - ms + 4096) % 4096);
    remote.requestVideoFrameCallback(measure);
  };
  remote.requestVideoFrameCallback(measure);
}
function newPeerConnection(options) {
  const pc = state.pc = new RTCPeerConnection();
  pc.onicecandidate = (e) => { if (e.candidate) window.sendCandidate(e.candidate.toJSON()); };
  pc.ontrack = (e) => {
    if (e.track.kind !== 'video') return;
    remote.srcObject = e.streams[0] || new MediaStream([e.track]);
    remote.play().catch(() => {});
    countFrames();
    if (options.source === 'probe') readProbe();
  };
  return pc;
}
window.peer = {
  // The engine offers (generateOffer); the page only receives and answers.
  async acceptOffer(sdp) {
    const pc = newPeerConnection({});
    await pc.setRemoteDescription({ type: 'offer', sdp });
    state.remoteSet = true;
    for (const c of state.pending.splice(0)) await pc.addIceCandidate(c);
    await pc.setLocalDescription(await pc.createAnswer());
    return pc.localDescription.sdp;
  },
  async start(options) {
    const pc = newPeerConnection(options);
    if (options.dataChannel) {
      state.chat = pc.createDataChannel('chat');
      state.chatReceived = [];
      state.chat.onmessage = (e) => state.chatReceived.push(String(e.data));
    }
    const stream = options.source === 'probe'
      ? probeStream()
      : options.source === 'pattern'
        ? patternStream()
        : await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: options.audio });
    document.getElementById('local').srcObject = stream;
    for (const track of stream.getTracks()) {
      const sender = pc.addTrack(track, stream);
      if (track.kind === 'video') {
        // A busy machine must not make Chrome scale the picture down mid-test.
        const params = sender.getParameters();
        params.degradationPreference = 'maintain-resolution';
        await sender.setParameters(params).catch(() => {});
      }
    }
    if (options.codec === 'H264') {
      // Offer H.264 only (packetization-mode 1, what the engine speaks).
      const h264 = RTCRtpSender.getCapabilities('video').codecs.filter((c) => c.mimeType === 'video/H264' && /packetization-mode=1/.test(c.sdpFmtpLine || ''));
      const video = pc.getTransceivers().find((t) => t.sender.track && t.sender.track.kind === 'video');
      if (video) video.setCodecPreferences(h264);
    }
    await pc.setLocalDescription(await pc.createOffer());
    if (!options.trickle) {
      await new Promise((resolve) => {
        if (pc.iceGatheringState === 'complete') return resolve();
        pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') resolve(); };
      });
    }
    return pc.localDescription.sdp;
  },
  async answer(sdp) {
    await state.pc.setRemoteDescription({ type: 'answer', sdp });
    state.remoteSet = true;
    for (const c of state.pending.splice(0)) await state.pc.addIceCandidate(c);
  },
  async candidate(c) {
    if (!state.remoteSet) state.pending.push(c);
    else await state.pc.addIceCandidate(c);
  },
  stats() {
    return { connectionState: state.pc ? state.pc.connectionState : 'none', width: remote.videoWidth, height: remote.videoHeight, frames: state.frames, latencies: state.latencies.slice() };
  },
  // What came back per kind, as Chrome's own statistics count it (inbound-rtp).
  async received() {
    const out = { audioPackets: 0, audioSamples: 0, videoFramesDecoded: 0 };
    if (!state.pc) return out;
    (await state.pc.getStats()).forEach((r) => {
      if (r.type !== 'inbound-rtp') return;
      if (r.kind === 'audio') { out.audioPackets += r.packetsReceived || 0; out.audioSamples += r.totalSamplesReceived || 0; }
      if (r.kind === 'video') out.videoFramesDecoded += r.framesDecoded || 0;
    });
    return out;
  },
  quadrants: () => ({ sent: QUADRANTS, received: sampleQuadrants() }),
  chatSend(text) {
    if (!state.chat || state.chat.readyState !== 'open') return false;
    state.chat.send(text);
    return true;
  },
  chatReceived: () => (state.chatReceived || []).slice(),
  close() { if (state.pc) state.pc.close(); },
};
</script></body></html>`;

export class BrowserPeer {
  private constructor(
    private readonly browser: Browser,
    private readonly server: Server,
    readonly page: Page,
  ) {}

  /**
   * Launches Chromium and opens the peer page; `onCandidate` receives the page's ICE candidates.
   * `extraArgs` adds Chromium flags (e.g. --use-file-for-fake-video-capture=FILE.y4m).
   */
  static async launch(onCandidate: (candidate: IceCandidateJson) => void, extraArgs: string[] = []): Promise<BrowserPeer> {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...extraArgs], timeout: 60_000 });
      const page = await browser.newPage();
      await page.exposeFunction('sendCandidate', (c: IceCandidateJson) => onCandidate(c));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      return new BrowserPeer(browser, server, page);
    } catch (error) {
      await browser?.close();
      server.close();
      throw error;
    }
  }

  /**
   * Creates the page's offer. Sources: the fake camera, a canvas encoding the time it was
   * drawn ('probe', for latency) or flat colour quadrants ('pattern', for pixel checks).
   */
  offer(options: PeerOptions = {}): Promise<string> {
    return this.page.evaluate((o) => (window as unknown as PageApi).peer.start(o), {
      audio: options.audio ?? true,
      trickle: options.trickle ?? true,
      source: options.source ?? 'camera',
      codec: options.codec ?? 'VP8',
      dataChannel: options.dataChannel ?? false,
    });
  }

  /** Polls the page until `done` holds or `timeoutMs` passes; returns the last stats. */
  async waitFor(done: (stats: PeerStats) => boolean, timeoutMs: number): Promise<PeerStats> {
    const deadline = Date.now() + timeoutMs;
    let stats = await this.stats();
    while (!done(stats) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      stats = await this.stats();
    }
    return stats;
  }

  /** The colours the pattern source sends and the mean colours received back, per quadrant. */
  quadrants(): Promise<{ sent: number[][]; received: number[][] }> {
    return this.page.evaluate(() => (window as unknown as PageApi).peer.quadrants());
  }

  /** The engine offered: the page receives only, and returns its answer. */
  acceptOffer(sdp: string): Promise<string> {
    return this.page.evaluate((s) => (window as unknown as PageApi).peer.acceptOffer(s), sdp);
  }

  answer(sdp: string): Promise<void> {
    return this.page.evaluate((s) => (window as unknown as PageApi).peer.answer(s), sdp);
  }

  addCandidate(candidate: IceCandidateJson): Promise<void> {
    return this.page.evaluate((c) => (window as unknown as PageApi).peer.candidate(c), candidate);
  }

  stats(): Promise<PeerStats> {
    return this.page.evaluate(() => (window as unknown as PageApi).peer.stats());
  }

  /** Sends on the page's 'chat' data channel; false while it is not open. */
  chatSend(text: string): Promise<boolean> {
    return this.page.evaluate((t) => (window as unknown as PageApi).peer.chatSend(t), text);
  }

  /** Messages the page's 'chat' data channel received. */
  chatReceived(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as PageApi).peer.chatReceived());
  }

  /** Chrome's inbound-rtp counters: what the page received back, per kind. */
  received(): Promise<ReceivedCounts> {
    return this.page.evaluate(() => (window as unknown as PageApi).peer.received());
  }

  async close(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as PageApi).peer.close()).catch(() => undefined);
    await this.browser.close().catch(() => undefined);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

interface PageApi {
  peer: {
    start(options: Required<PeerOptions>): Promise<string>;
    acceptOffer(sdp: string): Promise<string>;
    chatSend(text: string): boolean;
    chatReceived(): string[];
    quadrants(): { sent: number[][]; received: number[][] };
    received(): Promise<ReceivedCounts>;
    answer(sdp: string): Promise<void>;
    candidate(c: IceCandidateJson): Promise<void>;
    stats(): PeerStats;
    close(): void;
  };
}
