/**
 * Issue 3's bad inputs, all in ONE pipeline: malformed SDP, an offer with no common codec, a bad
 * URI, a missing file and an unwritable recording path. Each gives a precise error (MediaError
 * with Kurento's code, or an Error event naming the input), the same pipeline keeps working after
 * each (a test pattern recorded afterwards decodes), and after release the process holds no more
 * handles (sockets, timers, files) than before.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../engine/elements/index.ts';
import type { PlayerEndpoint } from '../../engine/elements/player-endpoint.ts';
import type { RecorderEndpoint } from '../../engine/elements/recorder-endpoint.ts';
import { activeResourceCounts, nextEvent, recordPattern, resourcesLeftAbove, sleep } from '../../engine/elements/test-support.ts';
import type { WebRtcEndpoint } from '../../engine/elements/webrtc/web-rtc-endpoint.ts';
import { KurentoErrorCode, MediaError } from '../../engine/errors.ts';
import { readBack } from '../../engine/media/read-back.ts';
import type { MediaElement } from '../../engine/model/media-element.ts';
import { MediaPipeline } from '../../engine/model/media-pipeline.ts';
import { WebRtcTransport } from '../../engine/webrtc/webrtc-transport.ts';

async function rejection(promise: Promise<unknown>): Promise<MediaError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MediaError) return error;
    throw new Error(`expected a MediaError, got ${String(error)}`);
  }
  throw new Error('expected a rejection');
}

describe('bad inputs in one pipeline', () => {
  let dir: string;
  let pipeline: MediaPipeline;
  let peer: WebRtcTransport | undefined;
  let baseline: Map<string, number>;
  /** Proves the pipeline still works: a 1 s test pattern recorded in it decodes. */
  let checkUsable: (label: string) => Promise<void>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fluo-bad-inputs-'));
    await writeFile(join(dir, 'a-file'), 'not a folder');
    // Warm up node-av, werift and the libuv pool so their one-time handles are in the baseline.
    const warm = new MediaPipeline();
    await recordPattern(warm, join(dir, 'warm.webm'), 'WEBM_VIDEO_ONLY', { width: 160, height: 120 }, 300);
    warm.release();
    await sleep(500);
    baseline = activeResourceCounts();
    pipeline = new MediaPipeline();
    let n = 0;
    checkUsable = async (label) => {
      const path = join(dir, `usable-${n++}.webm`);
      await recordPattern(pipeline, path, 'WEBM_VIDEO_ONLY', { width: 160, height: 120, framerate: 30 }, 1000);
      const file = await readBack(path);
      expect(file.tracks.VIDEO?.codec, `pipeline usable after ${label}`).toBe('VP8');
      expect(file.tracks.VIDEO?.frames, `pipeline usable after ${label}`).toBeGreaterThan(10);
    };
  }, 60_000);

  afterAll(async () => {
    pipeline?.release();
    await peer?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('malformed SDP: SDP_PARSE_ERROR naming what is wrong; the endpoint negotiates afterwards', async () => {
    const endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
    const error = await rejection(endpoint.processOffer('v=0\r\nthis is not an SDP body\r\n'));
    expect(error.code).toBe(KurentoErrorCode.SDP_PARSE_ERROR);
    expect(error.message).toContain(endpoint.id);
    // The same endpoint still takes a good offer.
    peer = new WebRtcTransport({ direction: 'sendrecv' }, {});
    const answer = await endpoint.processOffer(await peer.generateOffer({ video: true }));
    expect(answer).toMatch(/^v=0\r\n[\s\S]*a=rtpmap:\d+ VP8\/90000/);
    await peer.close();
    peer = undefined;
    endpoint.release();
    await checkUsable('malformed SDP');
  }, 60_000);

  it('an offer with no common codec: SDP_END_POINT_PROCESS_OFFER_ERROR naming the offered codecs', async () => {
    peer = new WebRtcTransport({ direction: 'sendrecv' }, {});
    const offer = (await peer.generateOffer({ video: true, audio: true }))
      .replace(/VP8\/90000/g, 'AV1X/90000')
      .replace(/H264\/90000/g, 'THEORA/90000')
      .replace(/opus\/48000/gi, 'SPEEX/48000');
    const endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
    const error = await rejection(endpoint.processOffer(offer));
    expect(error.code).toBe(KurentoErrorCode.SDP_END_POINT_PROCESS_OFFER_ERROR);
    expect(error.message).toMatch(/no common codec/);
    expect(error.message).toMatch(/AV1X|THEORA|SPEEX/);
    await peer.close();
    peer = undefined;
    endpoint.release();
    await checkUsable('an offer with no common codec');
  }, 60_000);

  it.each([
    ['a string that is not a URI', 'not a uri at all', /not a URI/],
    ['an unsupported scheme', 'gopher://example.com/x.webm', /unsupported URI scheme 'gopher:'/],
  ])('%s: an Error event or refusal naming the URI', async (_what, uri, pattern) => {
    let player: PlayerEndpoint | undefined;
    try {
      player = pipeline.create('PlayerEndpoint', { uri }) as PlayerEndpoint;
    } catch (error) {
      // Refused at creation: a MediaError naming the URI.
      expect(error).toBeInstanceOf(MediaError);
      expect(String((error as Error).message)).toMatch(pattern);
    }
    if (player) {
      const error = nextEvent(player, 'Error');
      await player.play();
      const event = await error;
      expect(String(event.description)).toMatch(pattern);
      expect(event.errorCode).toBe(KurentoErrorCode.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR);
      expect(player.state).toBe('STOP');
      player.release();
    }
    await checkUsable(`a bad URI (${uri})`);
  }, 60_000);

  it('a missing file: Error event URI_PATH_FILE_NOT_FOUND with the path', async () => {
    const missing = join(dir, 'no-such-video.webm');
    const player = pipeline.create('PlayerEndpoint', { uri: `file://${missing}` }) as PlayerEndpoint;
    const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${join(dir, 'from-missing.webm')}` }) as RecorderEndpoint;
    player.connect(recorder);
    const error = nextEvent(player, 'Error');
    await player.play();
    const event = await error;
    expect(event).toMatchObject({ type: 'URI_PATH_FILE_NOT_FOUND', errorCode: KurentoErrorCode.URI_PATH_FILE_NOT_FOUND });
    expect(String(event.description)).toContain(missing);
    expect(player.state).toBe('STOP');
    player.release();
    recorder.release();
    await checkUsable('a missing file');
  }, 60_000);

  it('an unwritable recording path: Error event with the path; the recorder stays stopped', async () => {
    // A "folder" that is a regular file cannot be written by anyone, root included.
    const target = join(dir, 'a-file', 'take.webm');
    const source = pipeline.create('TestPatternEndpoint', { width: 160, height: 120 }) as MediaElement;
    const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${target}` }) as RecorderEndpoint;
    source.connect(recorder);
    const error = nextEvent(recorder, 'Error');
    await recorder.record();
    const event = await error;
    expect(String(event.description)).toContain(join(dir, 'a-file'));
    expect(event).toMatchObject({ type: 'URI_PATH_FILE_NOT_FOUND', errorCode: KurentoErrorCode.URI_PATH_FILE_NOT_FOUND });
    expect(recorder.state).toBe('STOP');
    source.release();
    recorder.release();
    await checkUsable('an unwritable recording path');
  }, 60_000);

  it('after release, the process holds no more handles than before the pipeline', async () => {
    pipeline.release();
    // Sockets and files close on the libuv pool: give them a moment.
    expect(await resourcesLeftAbove(baseline, 10_000)).toEqual([]);
  }, 30_000);
});
