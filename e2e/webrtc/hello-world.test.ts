/**
 * Kurento's Hello World in headless Chromium: the page's (fake) camera goes to a WebRtcEndpoint
 * connected to itself and comes back into the page's <video>. Proves real media end to end,
 * trickle and full ICE, pixels preserved, and that a loopback transcodes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mediaStats } from '../../engine/media/media-stats.ts';
import { until } from '../../engine/webrtc/test-support.ts';
import { startLoopbackSession, type LoopbackSession } from './loopback-session.ts';

describe('Hello World (Chromium ↔ WebRtcEndpoint loopback)', () => {
  let session: LoopbackSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('plays the camera back at 640x480 with frames advancing, through zero codecs (trickle ICE)', async () => {
    const before = { decoders: mediaStats.decodersCreated, encoders: mediaStats.encodersCreated };
    session = await startLoopbackSession({ source: 'camera', audio: true, trickle: true });
    const { endpoint, browser, events } = session;

    await until(() => endpoint.getProperty('mediaState') === 'CONNECTED', 'media from the page', 60_000, 100);
    const stats = await browser.waitFor((s) => s.frames >= 30 && s.width > 0, 90_000);
    expect(stats.connectionState).toBe('connected');
    expect({ width: stats.width, height: stats.height }).toEqual({ width: 640, height: 480 });
    expect(stats.frames).toBeGreaterThanOrEqual(30);
    const later = await browser.waitFor((s) => s.frames >= stats.frames + 15, 30_000);
    expect(later.frames).toBeGreaterThanOrEqual(stats.frames + 15);

    // The microphone came back too (Opus, passed through): Chrome decoded audio samples.
    const received = await browser.received();
    expect(received.audioPackets).toBeGreaterThan(0);
    expect(received.audioSamples).toBeGreaterThan(0);
    expect(received.videoFramesDecoded).toBeGreaterThan(0);

    expect(mediaStats.decodersCreated - before.decoders).toBe(0);
    expect(mediaStats.encodersCreated - before.encoders).toBe(0);
    expect(endpoint.isMediaTranscoding('VIDEO')).toBe(false);
    expect(endpoint.isMediaTranscoding('AUDIO')).toBe(false);
    expect(endpoint.isMediaFlowingIn('VIDEO')).toBe(true);
    expect(endpoint.isMediaFlowingOut('AUDIO')).toBe(true);
    const types = new Set(events.map((e) => e.type));
    for (const type of ['IceCandidateFound', 'IceGatheringDone', 'NewCandidatePairSelected', 'ConnectionStateChanged', 'MediaSessionStarted']) {
      expect(types, type).toContain(type);
    }
  }, 180_000);

  it('loops H.264 from Chromium back without transcoding', async () => {
    const before = { decoders: mediaStats.decodersCreated, encoders: mediaStats.encodersCreated };
    session = await startLoopbackSession({ source: 'camera', audio: false, codec: 'H264' });
    const { endpoint, browser } = session;
    expect(endpoint.getLocalSessionDescriptor()).toMatch(/^m=video \d+ \S+ (\d+)(?: \d+)*\r\n(?:.*\r\n)*?a=rtpmap:\1 H264\/90000/m);
    const stats = await browser.waitFor((s) => s.frames >= 30 && s.width > 0, 90_000);
    expect({ width: stats.width, height: stats.height }).toEqual({ width: 640, height: 480 });
    expect(stats.frames).toBeGreaterThanOrEqual(30);
    expect(mediaStats.decodersCreated - before.decoders).toBe(0);
    expect(mediaStats.encodersCreated - before.encoders).toBe(0);
  }, 180_000);

  it('returns the sent pixels (colour quadrants) with a full, non-trickle offer, and echoes a data channel', async () => {
    session = await startLoopbackSession({ source: 'pattern', audio: false, trickle: false, dataChannel: true });
    const { browser, events } = session;
    const stats = await browser.waitFor((s) => s.frames >= 20 && s.width > 0, 90_000);
    expect(stats.frames).toBeGreaterThanOrEqual(20);
    expect(events.some((e) => e.type === 'IceCandidateFound')).toBe(false);
    const { sent, received } = await browser.quadrants();
    for (const [i, colour] of sent.entries()) {
      const got = received[i]!;
      const worst = Math.max(...colour.map((c, k) => Math.abs(c - got[k]!)));
      expect(worst, `quadrant ${i}: sent ${colour.join(',')} got ${got.join(',')}`).toBeLessThanOrEqual(24);
    }
    // Chrome's SCTP ↔ werift's: the page's 'chat' comes back through the DATA loopback.
    await until(() => events.some((e) => e.type === 'DataChannelOpened'), 'DataChannelOpened', 30_000, 100);
    const deadline = Date.now() + 30_000;
    while (!(await browser.chatSend('hello from Chromium')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    let echoed: string[] = [];
    while (echoed.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      echoed = await browser.chatReceived();
    }
    expect(echoed).toEqual(['hello from Chromium']);
  }, 180_000);
});
