import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AVCOL_PRI_BT709, AVCOL_RANGE_JPEG, AVCOL_SPC_BT709, AVCOL_TRC_BT709 } from 'node-av/constants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './index.ts';
import { mediaStats } from '../media/media-stats.ts';
import { readBack } from '../media/read-back.ts';
import { writeMpeg4File } from '../media/test-frames.ts';
import type { VideoCodec } from '../media/media-unit.ts';
import type { MediaElement } from '../model/media-element.ts';
import { MediaPipeline } from '../model/media-pipeline.ts';
import { colourDistance, rgbAt, type Rgb } from '../vision/colour-test-frames.ts';
import { parseColorSpace } from '../webrtc/color-space-payload.ts';
import { VideoProbe } from './hubs/test-support.ts';
import type { PlayerEndpoint } from './player-endpoint.ts';
import type { RecorderEndpoint } from './recorder-endpoint.ts';
import { feedSolidVideo, nextEvent, recordPattern, sleep, yuvOf } from './test-support.ts';
import { watchOutput } from './vision/test-support.ts';

const COLOR = '#2060c0';

describe('PlayerEndpoint', () => {
  let dir: string;
  let source: string;
  let pipeline: MediaPipeline;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fluo-player-'));
    source = join(dir, 'solid.webm');
    pipeline = new MediaPipeline();
    await recordPattern(pipeline, source, 'WEBM', { pattern: 'SOLID_COLOR', color: COLOR, width: 320, height: 240, framerate: 30 }, 2500);
  }, 30_000);
  afterAll(async () => {
    pipeline.release();
    await rm(dir, { recursive: true, force: true });
  });

  /** Plays the source file into recorders until EndOfStream, then stops them. */
  async function playInto(
    profiles: string[],
  ): Promise<{ files: string[]; decoders: number; encoders: number; player: PlayerEndpoint; transcoding: unknown[] }> {
    const player = pipeline.create('PlayerEndpoint', { uri: `file://${source}` }) as PlayerEndpoint;
    const files = profiles.map((p, i) => join(dir, `out-${p}-${i}-${Date.now()}.${p.startsWith('MP4') ? 'mp4' : 'webm'}`));
    const recorders = files.map((file, i) => pipeline.create('RecorderEndpoint', { uri: `file://${file}`, mediaProfile: profiles[i] }) as RecorderEndpoint);
    for (const recorder of recorders) {
      player.connect(recorder);
      await recorder.record();
    }
    const before = { decoders: mediaStats.decodersCreated, encoders: mediaStats.encodersCreated };
    const transcoding: unknown[] = [];
    player.on('MediaTranscodingStateChanged', (e) => transcoding.push(e.state));
    const end = nextEvent(player, 'EndOfStream');
    await player.play();
    await end;
    const counts = { decoders: mediaStats.decodersCreated - before.decoders, encoders: mediaStats.encodersCreated - before.encoders };
    await Promise.all(recorders.map((r) => r.stopAndWait()));
    for (const r of recorders) r.release();
    return { files, player, transcoding, ...counts };
  }

  it('passes VP8/Opus through to a WEBM recorder without creating any codec; the colour survives', async () => {
    const original = await readBack(source);
    const { files, decoders, encoders, player, transcoding } = await playInto(['WEBM']);
    expect({ decoders, encoders }).toEqual({ decoders: 0, encoders: 0 });
    expect(transcoding).toEqual([]);
    const copy = await readBack(files[0]!);
    expect(copy.tracks.VIDEO?.codec).toBe('VP8');
    expect(copy.tracks.AUDIO?.codec).toBe('OPUS');
    const originalFrames = original.tracks.VIDEO?.frames ?? 0;
    expect(originalFrames).toBeGreaterThan(60);
    expect(Math.abs((copy.tracks.VIDEO?.frames ?? 0) - originalFrames)).toBeLessThanOrEqual(Math.ceil(originalFrames * 0.02));
    const want = yuvOf(COLOR);
    copy.centreYuv?.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(6));
    expect(player.state).toBe('STOP');
    player.release();
  }, 30_000);

  it('decodes once and encodes once when three sinks need H.264; the colour survives the transcode', async () => {
    const { files, decoders, encoders, player, transcoding } = await playInto(['MP4_VIDEO_ONLY', 'MP4_VIDEO_ONLY', 'MP4_VIDEO_ONLY']);
    expect({ decoders, encoders }).toEqual({ decoders: 1, encoders: 1 });
    expect(transcoding[0]).toBe('TRANSCODING');
    for (const file of files) {
      const copy = await readBack(file);
      expect(copy.tracks.VIDEO?.codec).toBe('H264');
      // Busy encoders may drop frames on a loaded machine; the file must still be whole and decodable.
      expect(copy.tracks.VIDEO?.frames).toBeGreaterThan(40);
      const want = yuvOf(COLOR);
      expect(copy.centreYuv).toBeDefined();
      copy.centreYuv?.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(8));
    }
    player.release();
  }, 30_000);

  it('transcodes Opus to AAC for an MP4 recorder, keeping audio and video together', async () => {
    const { files, decoders, encoders, player } = await playInto(['MP4']);
    // VP8 and Opus decoded once each, H.264 and AAC encoded once each.
    expect({ decoders, encoders }).toEqual({ decoders: 2, encoders: 2 });
    const copy = await readBack(files[0]!);
    expect(copy.tracks.AUDIO?.codec).toBe('AAC');
    expect(copy.tracks.VIDEO?.codec).toBe('H264');
    expect(copy.tracks.AUDIO?.durationUs).toBeGreaterThan(2_000_000);
    expect(Math.abs((copy.tracks.AUDIO?.startUs ?? 0) - (copy.tracks.VIDEO?.startUs ?? 0))).toBeLessThan(100_000);
    player.release();
  }, 30_000);

  it('decodes a codec connections do not carry (MPEG-4 Part 2) in the player and encodes it once for the sink', async () => {
    const avi = join(dir, 'mpeg4.avi');
    await writeMpeg4File(avi, 320, 240, yuvOf(COLOR).map(Math.round) as [number, number, number], 2);
    const player = pipeline.create('PlayerEndpoint', { uri: `file://${avi}` }) as PlayerEndpoint;
    const out = join(dir, 'from-mpeg4.webm');
    const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${out}`, mediaProfile: 'WEBM_VIDEO_ONLY' }) as RecorderEndpoint;
    player.connect(recorder);
    await recorder.record();
    const before = { decoders: mediaStats.decodersCreated, encoders: mediaStats.encodersCreated };
    const end = nextEvent(player, 'EndOfStream');
    await player.play();
    await end;
    await recorder.stopAndWait();
    // One decoder in the player (MPEG-4), one VP8 encoder in its outlet; no decoder in the outlet.
    expect({ decoders: mediaStats.decodersCreated - before.decoders, encoders: mediaStats.encodersCreated - before.encoders }).toEqual({ decoders: 1, encoders: 1 });
    const copy = await readBack(out);
    expect(copy.tracks.VIDEO?.codec).toBe('VP8');
    expect(copy.tracks.VIDEO?.frames).toBeGreaterThan(30);
    const want = yuvOf(COLOR);
    copy.centreYuv?.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(8));
    player.release();
    recorder.release();
  }, 30_000);

  it('reports duration and seekability, and seeks', async () => {
    const player = pipeline.create('PlayerEndpoint', { uri: `file://${source}` }) as PlayerEndpoint;
    const info = await player.getVideoInfo();
    expect(info.isSeekable).toBe(true);
    expect(Math.abs(info.duration - 2500)).toBeLessThan(200);
    await player.play();
    const end = nextEvent(player, 'EndOfStream');
    await sleep(100);
    expect(player.getPosition()).toBeLessThan(1000);
    // Seeks land on the keyframe at or before the target (keyframes every 2 s here).
    player.setPosition(2400);
    for (let i = 0; i < 50 && player.getPosition() < 1500; i++) await sleep(20);
    expect(player.getPosition()).toBeGreaterThanOrEqual(1500);
    await end;
    expect(player.getPosition()).toBeGreaterThanOrEqual(2400);
    expect(() => player.setPosition(99_000)).toThrow(/outside/);
    player.release();
  }, 30_000);

  it.each([
    ['a missing file', () => `file://${dir}/nope.webm`, /file not found: .*nope\.webm/],
    ['an unreachable URL', () => 'http://127.0.0.1:9/x.webm', /127\.0\.0\.1:9\/x\.webm/],
    ['a file that is not media', () => `file://${dir}/garbage.webm`, /garbage\.webm/],
    ['an unsupported scheme', () => 'ftp://example.com/x.webm', /unsupported URI scheme/],
  ])('turns %s into an Error event naming it', async (_what, uri, pattern) => {
    await writeFile(join(dir, 'garbage.webm'), Buffer.alloc(4096, 0x5a));
    const player = pipeline.create('PlayerEndpoint', { uri: uri() }) as MediaElement as PlayerEndpoint;
    const error = nextEvent(player, 'Error');
    await player.play();
    expect(String((await error).description)).toMatch(pattern);
    // The pipeline stays usable.
    expect(player.state).toBe('STOP');
    player.release();
  });

  it('plays over http into a recorder that stops itself at EndOfStream (stopOnEndOfStream)', async () => {
    const server = createServer((req, res) => {
      if (req.url !== '/solid.webm') {
        res.writeHead(404).end();
        return;
      }
      void readFile(source).then((body) => res.writeHead(200, { 'content-type': 'video/webm', 'content-length': body.length }).end(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const player = pipeline.create('PlayerEndpoint', { uri: `http://127.0.0.1:${port}/solid.webm` }) as PlayerEndpoint;
      const out = join(dir, 'from-http.webm');
      const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${out}`, mediaProfile: 'WEBM', stopOnEndOfStream: true }) as RecorderEndpoint;
      player.connect(recorder);
      await recorder.record();
      const stopped = nextEvent(recorder, 'Stopped');
      await player.play();
      await stopped;
      const copy = await readBack(out);
      expect(copy.tracks.VIDEO?.codec).toBe('VP8');
      expect(copy.tracks.VIDEO?.frames).toBeGreaterThan(60);
      // A missing resource on a live server is an Error naming the URL.
      const missing = pipeline.create('PlayerEndpoint', { uri: `http://127.0.0.1:${port}/nope.webm` }) as PlayerEndpoint;
      const error = nextEvent(missing, 'Error');
      await missing.play();
      expect(String((await error).description)).toContain(`127.0.0.1:${port}/nope.webm`);
      for (const element of [player, recorder, missing]) element.release();
    } finally {
      server.close();
    }
  }, 30_000);
});

describe('PlayerEndpoint: the colour description of a file', () => {
  /** Chrome's canvas capture payload: BT.709 primaries, transfer and matrix, full range. */
  const FULL_BT709 = Buffer.from([1, 1, 1, 0x20]);
  const RED: Rgb = [220, 40, 40];
  /** 220,40,40 as full-range BT.709 YUV. */
  const RED_FULL_BT709: [number, number, number] = [78, 107, 218];
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fluo-player-colour-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A recording of solid units (payload `colorSpace`, or none) written straight into a recorder's sink. */
  async function recordSolid(profile: string, codec: VideoCodec, path: string, yuv: [number, number, number], colorSpace?: Buffer): Promise<void> {
    const pipeline = new MediaPipeline();
    try {
      const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${path}`, mediaProfile: profile }) as RecorderEndpoint;
      await recorder.record();
      const stop = await feedSolidVideo(recorder, codec, { width: 160, height: 120 }, yuv, colorSpace);
      await sleep(1500);
      stop();
      await recorder.stopAndWait();
    } finally {
      pipeline.release();
    }
  }

  /**
   * Plays a file into a decoding probe (the player's units as a WebRTC sender or a recorder gets
   * them) and through FfmpegFilter 'null' (decoded by the player's outlet), until EndOfStream.
   */
  async function play(path: string, codec: VideoCodec) {
    const pipeline = new MediaPipeline();
    try {
      const player = pipeline.create('PlayerEndpoint', { uri: `file://${path}` }) as PlayerEndpoint;
      const filter = pipeline.create('FfmpegFilter', { command: 'null' }) as MediaElement;
      player.connect(filter);
      const probe = new VideoProbe(player, codec);
      const filtered: { range: number; rgb: Rgb }[] = [];
      const detach = watchOutput(filter, (unit) => filtered.push({ range: unit.frame.colorRange, rgb: rgbAt(unit.frame, unit.width / 2, unit.height / 2) }));
      const end = nextEvent(player, 'EndOfStream');
      await player.play();
      await end;
      detach();
      const played = { payload: probe.colorSpace, probeRange: probe.colorRange, probeRgb: probe.rgb(0.4, 0.4, 0.2, 0.2).map(Math.round) as Rgb, filtered };
      probe.close();
      return played;
    } finally {
      pipeline.release();
    }
  }

  it.each([
    ['WEBM_VIDEO_ONLY', 'VP8', 'webm'],
    ['MP4_VIDEO_ONLY', 'H264', 'mp4'],
  ] as const)('%s: a full-range %s file plays as full-range units; decoded, the pictures say full range and show 220,40,40', async (profile, codec, ext) => {
    const path = join(dir, `full.${ext}`);
    await recordSolid(profile, codec, path, RED_FULL_BT709, FULL_BT709);
    expect((await readBack(path)).tracks.VIDEO?.colorRange).toBe(AVCOL_RANGE_JPEG);
    const { payload, probeRange, probeRgb, filtered } = await play(path, codec);
    const last = filtered.at(-1);
    console.log(`${profile}: unit payload ${payload?.toString('hex')}, probe range ${probeRange} RGB ${probeRgb.join(',')}; after FfmpegFilter: ${filtered.length} frames, range ${last?.range} RGB ${last?.rgb.join(',')}`);
    // The recorded colours (H.264 adds the chroma siting FFmpeg's decoder assumes for it: left).
    expect(payload && parseColorSpace(payload)).toMatchObject({ colorRange: AVCOL_RANGE_JPEG, colorSpace: AVCOL_SPC_BT709, colorPrimaries: AVCOL_PRI_BT709, colorTrc: AVCOL_TRC_BT709 });
    expect(probeRange).toBe(AVCOL_RANGE_JPEG);
    expect(colourDistance(probeRgb, RED), `probe ${probeRgb.join(',')}`).toBeLessThanOrEqual(6);
    expect(filtered.length).toBeGreaterThan(10);
    for (const { range, rgb } of filtered) {
      expect(range).toBe(AVCOL_RANGE_JPEG);
      expect(colourDistance(rgb, RED), `filtered ${rgb.join(',')}`).toBeLessThanOrEqual(6);
    }
  }, 30_000);

  it.each([
    ['WEBM_VIDEO_ONLY', 'VP8', 'webm'],
    ['MP4_VIDEO_ONLY', 'H264', 'mp4'],
  ] as const)('%s: a %s file that says nothing of its colours plays as units without a payload (read as limited BT.601)', async (profile, codec, ext) => {
    const path = join(dir, `untagged.${ext}`);
    const red = yuvOf('#dc2828').map(Math.round) as [number, number, number];
    await recordSolid(profile, codec, path, red);
    expect((await readBack(path)).tracks.VIDEO?.colorRange).toBe(0);
    const { payload, probeRange, probeRgb, filtered } = await play(path, codec);
    expect(payload).toBeUndefined();
    expect(probeRange).not.toBe(AVCOL_RANGE_JPEG);
    expect(colourDistance(probeRgb, RED), `probe ${probeRgb.join(',')}`).toBeLessThanOrEqual(6);
    expect(colourDistance(filtered.at(-1)?.rgb ?? [0, 0, 0], RED)).toBeLessThanOrEqual(6);
  }, 30_000);
});
