/**
 * PlayerEndpoint on rtsp:// URLs, against a local RTSP server (rtp/rtsp-test-server.ts) that
 * sends FFmpeg's own RTP interleaved over the RTSP connection.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './index.ts';
import { readBack } from '../media/read-back.ts';
import { MediaPipeline } from '../model/media-pipeline.ts';
import type { PlayerEndpoint } from './player-endpoint.ts';
import type { RecorderEndpoint } from './recorder-endpoint.ts';
import { startRtspTestServer, type RtspTestServer } from './rtp/rtsp-test-server.ts';
import { activeResourceCounts, nextEvent, resourcesLeftAbove, sleep } from './test-support.ts';

/** What ffmpeg-rtp-peer's sender draws: 320x240, Y 81 (with a moving white bar), U 90, V 240. */
const SENT = { width: 320, height: 240, u: 90, v: 240 };

/** A TCP server that accepts connections and never says a word (a hung RTSP server). */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = await silentServer();
  await server.close();
  return server.port;
}

describe('PlayerEndpoint over RTSP', () => {
  let dir: string;
  const servers: Partial<Record<'VP8' | 'H264', RtspTestServer>> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fluo-rtsp-'));
    servers.VP8 = await startRtspTestServer('/stream', 'VP8');
    servers.H264 = await startRtspTestServer('/stream', 'H264');
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  /** Plays `url` into a recorder for about `ms`, then stops and reads the file back. */
  async function recordLive(pipeline: MediaPipeline, player: PlayerEndpoint, profile: string, ms: number) {
    const file = join(dir, `live-${Date.now()}.${profile.startsWith('MP4') ? 'mp4' : 'webm'}`);
    const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${file}`, mediaProfile: profile }) as RecorderEndpoint;
    player.connect(recorder);
    await recorder.record();
    await player.play();
    await sleep(ms);
    await recorder.stopAndWait();
    recorder.release();
    return readBack(file);
  }

  it.each([
    ['VP8', 'WEBM_VIDEO_ONLY'],
    ['H264', 'MP4_VIDEO_ONLY'],
  ] as const)('plays a live %s stream into a %s recorder: decodable frames of the sent size and colour; not seekable; release closes everything', async (codec, profile) => {
    const server = servers[codec]!;
    const baseline = activeResourceCounts();
    const pipeline = new MediaPipeline();
    const player = pipeline.create('PlayerEndpoint', { uri: server.url('/stream') }) as PlayerEndpoint;
    const errors: unknown[] = [];
    player.on('Error', (e) => errors.push(e.description));

    const info = await player.getVideoInfo();
    expect(info).toEqual({ isSeekable: false, seekableInit: 0, seekableEnd: 0, duration: 0 });
    expect(() => player.setPosition(0)).toThrow(/not seekable/);

    const copy = await recordLive(pipeline, player, profile, 2000);
    expect(errors).toEqual([]);
    expect(player.state).toBe('START');
    const video = copy.tracks.VIDEO;
    expect(video?.codec).toBe(codec);
    expect({ width: video?.width, height: video?.height }).toEqual({ width: SENT.width, height: SENT.height });
    // About 2 s at 30 fps arrived and decodes (the recorder starts at the first keyframe).
    expect(video?.frames).toBeGreaterThan(20);
    // Chroma is the sent colour everywhere (the moving bar is in the luma only).
    expect(copy.centreYuv).toBeDefined();
    expect(Math.abs(copy.centreYuv![1] - SENT.u)).toBeLessThan(8);
    expect(Math.abs(copy.centreYuv![2] - SENT.v)).toBeLessThan(8);
    expect(server.requests.slice(-4)).toEqual(['OPTIONS /stream', 'DESCRIBE /stream', 'SETUP /stream/trackID=0', 'PLAY /stream/']);

    pipeline.release();
    // The RTSP session ends (FFmpeg tears down and hangs up) and no handle of ours is left.
    expect(await resourcesLeftAbove(baseline)).toEqual([]);
    expect(server.connections).toBe(0);
    expect(server.requests.at(-1)).toBe('TEARDOWN /stream/');
  }, 30_000);

  it('turns an RTSP server that is not there, a path it answers 404, and a server that never answers into Error events naming the URL; the pipeline then plays a live stream', async () => {
    const server = servers.VP8!;
    const pipeline = new MediaPipeline();
    const silent = await silentServer();
    // The silent one fails only through the player's network timeout (5 s), instead of hanging.
    const bad = [`rtsp://127.0.0.1:${await closedPort()}/stream`, server.url('/no-such-stream'), `rtsp://127.0.0.1:${silent.port}/stream`];
    for (const uri of bad) {
      const player = pipeline.create('PlayerEndpoint', { uri }) as PlayerEndpoint;
      const error = nextEvent(player, 'Error');
      await player.play();
      expect(String((await error).description)).toContain(uri);
      expect(player.state).toBe('STOP');
      player.release();
    }
    await silent.close();
    expect(server.requests).toContain('DESCRIBE /no-such-stream');

    const player = pipeline.create('PlayerEndpoint', { uri: server.url('/stream') }) as PlayerEndpoint;
    const copy = await recordLive(pipeline, player, 'WEBM_VIDEO_ONLY', 1000);
    expect(copy.tracks.VIDEO?.frames).toBeGreaterThan(5);
    pipeline.release();
  }, 40_000);
});
