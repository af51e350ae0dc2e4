/**
 * Hello World through a filter that needs pixels, in headless Chromium: the page's canvas (flat
 * colour quadrants) → WebRtcEndpoint → FfmpegFilter 'null' → back into the page. Chromium sends
 * canvas captures in full-range YUV and says so in the color-space RTP header extension (VP8 has
 * no place for a range; its H.264 also says so in the SPS), so the colours come back right only if
 * the decoder reads them as full range and the re-encoded stream says full range again
 * (engine/webrtc/color-space-payload.ts). Without that, 220,40,40 came back as 216,7,30 (VP8)
 * and 234,29,30 (H.264), 230,230,230 as 249,249,249.
 */
import { afterEach, describe, expect, it } from 'vitest';
import '../../engine/elements/index.ts';
import type { FfmpegFilter } from '../../engine/elements/vision/ffmpeg-filter.ts';
import { inlet } from '../../engine/media/media-inlet.ts';
import { mediaStats } from '../../engine/media/media-stats.ts';
import { until } from '../../engine/webrtc/test-support.ts';
import { startLoopbackSession, type LoopbackSession } from './loopback-session.ts';

/** Largest per-channel difference allowed between a sent and a received quadrant colour. */
const TOLERANCE = 8;
const AVCOL_RANGE_JPEG = 2;

describe('colours through a transcoding filter (Chromium ↔ WebRtcEndpoint → FfmpegFilter → back)', () => {
  let session: LoopbackSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it.each(['VP8', 'H264'] as const)('%s: the canvas colours come back as sent', async (codec) => {
    const before = { decoders: mediaStats.decodersCreated, encoders: mediaStats.encodersCreated };
    session = await startLoopbackSession({
      source: 'pattern',
      audio: false,
      codec,
      through: (pipeline) => pipeline.create('FfmpegFilter', { command: 'null' }) as FfmpegFilter,
    });
    const { endpoint, browser } = session;
    expect(endpoint.getLocalSessionDescriptor()).toMatch(new RegExp(`^m=video \\d+ \\S+ (\\d+)(?: \\d+)*\r\n(?:.*\r\n)*?a=rtpmap:\\1 ${codec}/90000`, 'm'));
    // What the decoder makes of the page's stream (a second raw consumer shares the decoder).
    const ranges: number[] = [];
    const detach = endpoint.getOutlet('VIDEO')!.attach(
      inlet('VIDEO', { raw: true }, (unit) => {
        if (unit.kind === 'raw-video' && ranges.length < 100) ranges.push(unit.frame.colorRange);
      }),
    );
    try {
      await until(() => endpoint.getProperty('mediaState') === 'CONNECTED', 'media from the page', 60_000, 100);
      const shown = await browser.waitFor((s) => s.frames >= 60 && s.width > 0, 120_000);
      expect(shown.frames).toBeGreaterThanOrEqual(60);
      const { sent, received } = await browser.quadrants();
      const report = sent.map((colour, i) => `sent ${colour.join(',')} got ${received[i]!.join(',')}`).join('; ');
      console.info(`${codec} through FfmpegFilter 'null': ${report}`);

      // The path really transcoded (decoded at the endpoint, encoded after the filter).
      expect(mediaStats.decodersCreated - before.decoders).toBeGreaterThanOrEqual(1);
      expect(mediaStats.encodersCreated - before.encoders).toBeGreaterThanOrEqual(1);
      // Chromium's canvas capture is full range: what this test is about.
      expect(ranges.length).toBeGreaterThan(0);
      expect(ranges.at(-1), 'decoded frames read as full range').toBe(AVCOL_RANGE_JPEG);
      for (const [i, colour] of sent.entries()) {
        const got = received[i]!;
        const worst = Math.max(...colour.map((c, k) => Math.abs(c - got[k]!)));
        expect(worst, `quadrant ${i}: ${report}`).toBeLessThanOrEqual(TOLERANCE);
      }
    } finally {
      detach();
    }
  }, 240_000);
});
