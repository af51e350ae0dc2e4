/**
 * A small RTSP server (RFC 2326) for tests: OPTIONS, DESCRIBE, SETUP over TCP only
 * (`RTP/AVP/TCP;interleaved=0-1`), PLAY, GET_PARAMETER (keep-alive) and TEARDOWN on one path.
 * The media is real RTP from FFmpeg's own rtp muxer (the FFmpeg sender of ffmpeg-rtp-peer),
 * started for each PLAY and sent to UDP sockets this server owns; each datagram goes to the
 * client interleaved (`$`, channel, 16-bit length, packet): RTP on channel 0, RTCP on 1.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { freePortPair, receiverSdp, startFfmpegSender, type FfmpegSender } from './ffmpeg-rtp-peer.ts';

export interface RtspTestServer {
  port: number;
  /** rtsp://127.0.0.1:port/path */
  url(path: string): string;
  /** "METHOD /path" of every request, in order. */
  readonly requests: string[];
  /** Client connections still open. */
  readonly connections: number;
  /** RTP packets sent interleaved, over all sessions. */
  readonly rtpPackets: number;
  close(): Promise<void>;
}

/** Interleaved data waiting in a socket beyond this is dropped, not queued (a stalled client). */
const MAX_BUFFERED_BYTES = 1 << 20;

/** Serves `codec` (320x240, 30 fps, from ffmpeg-rtp-peer's sender) at `path`; anything else is 404. */
export async function startRtspTestServer(path: string, codec: 'VP8' | 'H264'): Promise<RtspTestServer> {
  const requests: string[] = [];
  const open = new Set<RtspConnection>();
  const counters = { rtpPackets: 0 };
  const server = createServer((socket) => {
    const connection = new RtspConnection(socket, path, codec, requests, counters);
    open.add(connection);
    socket.on('close', () => open.delete(connection));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (p) => `rtsp://127.0.0.1:${port}${p}`,
    requests,
    get connections() {
      return open.size;
    },
    get rtpPackets() {
      return counters.rtpPackets;
    },
    close: async () => {
      await Promise.all([...open].map((c) => c.close()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface RtspRequest {
  method: string;
  uri: string;
  headers: Map<string, string>;
}

class RtspConnection {
  private buffer = Buffer.alloc(0);
  private media: { sender: FfmpegSender; sockets: UdpSocket[] } | undefined;
  private starting: Promise<void> | undefined;
  private readonly sessionId = String(Math.floor(Math.random() * 1e8));

  constructor(
    private readonly socket: Socket,
    private readonly path: string,
    private readonly codec: 'VP8' | 'H264',
    private readonly requests: string[],
    private readonly counters: { rtpPackets: number },
  ) {
    socket.on('data', (data) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      this.parse();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => void this.stopMedia());
  }

  async close(): Promise<void> {
    this.socket.destroy();
    await this.stopMedia();
  }

  /** Takes whole requests (and the client's interleaved RTCP, which is skipped) off the buffer. */
  private parse(): void {
    for (;;) {
      if (this.buffer.length === 0) return;
      if (this.buffer[0] === 0x24) {
        if (this.buffer.length < 4) return;
        const end = 4 + this.buffer.readUInt16BE(2);
        if (this.buffer.length < end) return;
        this.buffer = this.buffer.subarray(end);
        continue;
      }
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const [requestLine = '', ...lines] = this.buffer.subarray(0, headerEnd).toString('latin1').split('\r\n');
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const end = headerEnd + 4 + Number(headers.get('content-length') ?? 0);
      if (this.buffer.length < end) return;
      this.buffer = this.buffer.subarray(end);
      const [method = '', uri = ''] = requestLine.split(' ');
      this.answer({ method, uri, headers });
    }
  }

  private answer(request: RtspRequest): void {
    const path = new URL(request.uri.replace(/^rtsps?:/, 'http:')).pathname;
    this.requests.push(`${request.method} ${path}`);
    const cseq = request.headers.get('cseq') ?? '0';
    const onPath = path === this.path || path.startsWith(`${this.path}/`);
    if (!onPath && request.method !== 'OPTIONS') {
      this.reply(cseq, '404 Not Found');
      return;
    }
    switch (request.method) {
      case 'OPTIONS':
        this.reply(cseq, '200 OK', { Public: 'OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN' });
        return;
      case 'DESCRIBE': {
        // The description FFmpeg's own RTP receiver reads, with the track's control URL.
        const sdp = `${receiverSdp(0, this.codec).replace('a=sendrecv', 'a=sendonly')}a=control:trackID=0\r\n`;
        this.reply(cseq, '200 OK', { 'Content-Base': `${request.uri.replace(/\/$/, '')}/`, 'Content-Type': 'application/sdp' }, sdp);
        return;
      }
      case 'SETUP': {
        const transport = request.headers.get('transport') ?? '';
        if (!transport.startsWith('RTP/AVP/TCP')) {
          this.reply(cseq, '461 Unsupported Transport');
          return;
        }
        this.reply(cseq, '200 OK', { Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1', Session: `${this.sessionId};timeout=60` });
        return;
      }
      case 'PLAY':
        this.starting ??= this.startMedia().catch(() => {
          this.socket.destroy();
        });
        this.reply(cseq, '200 OK', { Session: this.sessionId, Range: 'npt=0.000-' });
        return;
      case 'GET_PARAMETER':
        this.reply(cseq, '200 OK', { Session: this.sessionId });
        return;
      case 'TEARDOWN':
        this.reply(cseq, '200 OK', { Session: this.sessionId });
        void this.stopMedia();
        return;
      default:
        this.reply(cseq, '501 Not Implemented');
    }
  }

  private reply(cseq: string, status: string, headers: Record<string, string> = {}, body = ''): void {
    if (this.socket.destroyed) return;
    const lines = [`RTSP/1.0 ${status}`, `CSeq: ${cseq}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    this.socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  }

  /** FFmpeg's rtp muxer sends RTP to `port` and RTCP to `port + 1`: both come back interleaved. */
  private async startMedia(): Promise<void> {
    const port = await freePortPair();
    const sockets = await Promise.all([0, 1].map((channel) => this.forwardChannel(port + channel, channel)));
    const media = { sender: await startFfmpegSender('127.0.0.1', port, this.codec), sockets };
    // The client may have gone while the sender started.
    if (this.socket.destroyed) await stopSending(media);
    else this.media = media;
  }

  private async forwardChannel(port: number, channel: number): Promise<UdpSocket> {
    const udp = createSocket('udp4');
    udp.on('message', (datagram) => {
      if (this.socket.destroyed || this.socket.writableLength > MAX_BUFFERED_BYTES) return;
      const header = Buffer.from([0x24, channel, 0, 0]);
      header.writeUInt16BE(datagram.length, 2);
      this.socket.write(Buffer.concat([header, datagram]));
      if (channel === 0) this.counters.rtpPackets++;
    });
    await new Promise<void>((resolve) => udp.bind(port, '127.0.0.1', resolve));
    return udp;
  }

  private async stopMedia(): Promise<void> {
    await this.starting;
    const media = this.media;
    this.media = undefined;
    if (media) await stopSending(media);
  }
}

async function stopSending(media: { sender: FfmpegSender; sockets: UdpSocket[] }): Promise<void> {
  await media.sender.stop();
  for (const udp of media.sockets) udp.close();
}
