/**
 * FFmpeg (through node-av, in-process) as the far end of an RtpEndpoint, for tests: a sender
 * that encodes synthetic frames and writes them with FFmpeg's `rtp` muxer, and a receiver
 * that listens where its SDP says and decodes with FFmpeg's `sdp`/RTP demuxer. The engine's
 * RTP code is checked against FFmpeg's own packetizers and depacketizers.
 */
import { createSocket } from 'node:dgram';
import { Decoder, Demuxer, Encoder, Muxer, Packet, Rational } from 'node-av';
import { FF_ENCODER_LIBVPX_VP8, FF_ENCODER_LIBX264 } from 'node-av/constants';
import { ProtectionProfileAes128CmHmacSha1_80, RtpPacket, SrtpSession } from 'werift';
import { solidFrame } from '../../media/test-frames.ts';

export type FfmpegCodec = 'VP8' | 'H264' | 'OPUS';

const RTPMAP: Record<FfmpegCodec, string[]> = {
  VP8: ['a=rtpmap:96 VP8/90000'],
  H264: ['a=rtpmap:96 H264/90000', 'a=fmtp:96 packetization-mode=1'],
  OPUS: ['a=rtpmap:96 opus/48000/2'],
};

/**
 * An SDP saying "I receive `codec` on 127.0.0.1:`port`" (what FFmpeg's sdp demuxer reads);
 * with `srtpKey` (base64 key||salt) the stream is SRTP and FFmpeg decrypts with that key.
 */
export function receiverSdp(port: number, codec: FfmpegCodec, srtpKey?: string): string {
  return [
    'v=0',
    'o=- 0 0 IN IP4 127.0.0.1',
    's=FFmpeg receiver',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=${codec === 'OPUS' ? 'audio' : 'video'} ${port} ${srtpKey ? 'RTP/SAVP' : 'RTP/AVP'} 96`,
    ...RTPMAP[codec],
    ...(srtpKey ? [`a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${srtpKey}`] : []),
    'a=sendrecv',
    '',
  ].join('\r\n');
}

/** A free even UDP port whose next port is free too (FFmpeg puts RTCP there). */
export async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 40000 + 2 * Math.floor(Math.random() * 5000);
    const ok = await Promise.all([port, port + 1].map((p) => canBind(p)));
    if (ok.every(Boolean)) return port;
  }
  throw new Error('no free UDP port pair for the FFmpeg peer');
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

export interface FfmpegReceiver {
  sdp: string;
  frames: number;
  width: number;
  height: number;
  sampleRate: number;
  close(): Promise<void>;
}

/** Listens on `port` with FFmpeg's RTP demuxer and decodes what arrives. */
export async function startFfmpegReceiver(port: number, codec: FfmpegCodec, srtpKey?: string): Promise<FfmpegReceiver> {
  const sdp = receiverSdp(port, codec, srtpKey);
  const rtp = await Demuxer.openSDP(sdp);
  const stream = rtp.input.video() ?? rtp.input.audio();
  if (!stream) throw new Error('the receiver SDP has no media stream');
  const decoder = await Decoder.create(stream, { exitOnError: false });
  const state = { sdp, frames: 0, width: 0, height: 0, sampleRate: 0, closed: false };
  const formatContext = rtp.input.getFormatContext();
  const reading = (async () => {
    const packet = new Packet();
    packet.alloc();
    while (!state.closed) {
      const ret = await formatContext.readFrame(packet);
      if (state.closed) break;
      if (ret < 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      for (const frame of await decoder.decodeAll(packet).catch(() => [])) {
        state.frames++;
        state.width = frame.width;
        state.height = frame.height;
        state.sampleRate = frame.sampleRate;
        frame.free();
      }
      packet.unref();
    }
    packet.free();
  })();
  return Object.assign(state, {
    close: async () => {
      state.closed = true;
      // readFrame blocks until a frame arrives: interrupt it, then close once it returns.
      formatContext.interrupt();
      await reading;
      decoder.close();
      await rtp.close();
    },
  });
}

export interface FfmpegSender {
  sent: number;
  stop(): Promise<void>;
}

/** Encodes 320x240 frames at 30 fps and sends them with FFmpeg's rtp muxer to host:port. */
export async function startFfmpegSender(host: string, port: number, codec: 'VP8' | 'H264'): Promise<FfmpegSender> {
  const options = codec === 'VP8' ? { deadline: 'realtime', 'cpu-used': '8', 'lag-in-frames': '0', 'error-resilient': '1' } : { preset: 'ultrafast', tune: 'zerolatency', profile: 'baseline' };
  const encoder = await Encoder.create(codec === 'VP8' ? FF_ENCODER_LIBVPX_VP8 : FF_ENCODER_LIBX264, {
    // The frame rate sets the encoder's clock (1/30) and its rate control's bits per frame.
    context: { framerate: new Rational(30, 1) },
    bitrate: 400_000,
    gopSize: 30,
    maxBFrames: 0,
    options,
  } as never);
  const muxer = await Muxer.open(`rtp://${host}:${port}`, { format: 'rtp', maxPacketSize: 1200 });
  const streamIndex = muxer.addStream(encoder);
  const state = { sent: 0, stopped: false };
  const sending = (async () => {
    for (let i = 0; !state.stopped; i++) {
      const frame = solidFrame(320, 240, [81, 90, 240], i);
      frame.pts = BigInt(Math.round((i * 1_000_000) / 30)); // solidFrame counts in µs
      for (const packet of await encoder.encodeAll(frame)) {
        await muxer.writePacket(packet, streamIndex);
        packet.free();
      }
      frame.free();
      state.sent++;
      await new Promise((resolve) => setTimeout(resolve, 33));
    }
  })();
  return Object.assign(state, {
    stop: async () => {
      state.stopped = true;
      await sending;
      await muxer.close();
      encoder.close();
    },
  });
}

/**
 * A UDP hop that SRTP-protects what FFmpeg's rtp muxer sends (node-av cannot pass the srtp
 * protocol's key options): RTP in on `port`, SRTP (AES_CM_128_HMAC_SHA1_80, `keyBase64`) out to
 * 127.0.0.1:`target`.
 */
export async function srtpRelay(keyBase64: string, target: number): Promise<{ port: number; close(): void }> {
  const key = Buffer.from(keyBase64, 'base64');
  const keys = { localMasterKey: key.subarray(0, 16), localMasterSalt: key.subarray(16), remoteMasterKey: key.subarray(0, 16), remoteMasterSalt: key.subarray(16) };
  const srtp = new SrtpSession({ keys, profile: ProtectionProfileAes128CmHmacSha1_80 });
  const port = await freePortPair();
  const socket = createSocket('udp4');
  socket.on('message', (message) => {
    const packet = RtpPacket.deSerialize(message);
    socket.send(srtp.encrypt(packet.payload, packet.header), target, '127.0.0.1');
  });
  await new Promise<void>((resolve) => socket.bind(port, '127.0.0.1', resolve));
  return { port, close: () => socket.close() };
}
