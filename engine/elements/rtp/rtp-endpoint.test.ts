import { describe, expect, it } from 'vitest';
import { KurentoErrorCode, MediaError } from '../../errors.ts';
import { mediaStats } from '../../media/media-stats.ts';
import type { MediaElement } from '../../model/media-element.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import { cleanupAfterEach, until } from '../../webrtc/test-support.ts';
import { freePortPair, receiverSdp, srtpRelay, startFfmpegReceiver, startFfmpegSender } from './ffmpeg-rtp-peer.ts';
import '../index.ts';
import type { RtpEndpoint } from './rtp-endpoint.ts';

function videoPort(sdp: string): number {
  const port = /^m=video (\d+) /m.exec(sdp)?.[1];
  if (!port) throw new Error(`no video line in ${sdp}`);
  return Number(port);
}

describe('RtpEndpoint ↔ FFmpeg (node-av on both sides)', () => {
  const cleanup = cleanupAfterEach();

  const cases: { codec: 'VP8' | 'H264'; negotiation: 'processOffer' | 'generateOffer' }[] = [
    { codec: 'VP8', negotiation: 'processOffer' },
    { codec: 'H264', negotiation: 'generateOffer' },
  ];
  for (const { codec, negotiation } of cases) {
    it(`FFmpeg sends ${codec} → RtpEndpoint loopback → FFmpeg decodes it (${negotiation}), with no codec in the engine`, async () => {
      const pipeline = new MediaPipeline();
      cleanup.push(() => pipeline.release());
      const endpoint = pipeline.create('RtpEndpoint') as RtpEndpoint;
      endpoint.connect(endpoint);
      const before = { decoders: mediaStats.decodersCreated, encoders: mediaStats.encodersCreated };

      const receiver = await startFfmpegReceiver(await freePortPair(), codec);
      cleanup.push(() => receiver.close());
      let enginePort: number;
      if (negotiation === 'processOffer') {
        const answer = await endpoint.processOffer(receiver.sdp);
        expect(answer).toMatch(codec === 'VP8' ? /a=rtpmap:96 VP8\/90000/ : /a=rtpmap:96 H264\/90000/);
        enginePort = videoPort(answer);
      } else {
        const offer = await endpoint.generateOffer({ offerToReceiveAudio: false, offerToReceiveVideo: true });
        expect(offer).toMatch(/^m=video \d+ RTP\/AVPF 96 102/m);
        enginePort = videoPort(offer);
        await endpoint.processAnswer(receiver.sdp);
      }
      expect(endpoint.getProperty('connectionState')).toBe('CONNECTED');

      const sender = await startFfmpegSender('127.0.0.1', enginePort, codec);
      cleanup.push(() => sender.stop());
      await until(() => receiver.frames >= 20, `20 ${codec} frames decoded by FFmpeg`, 60_000, 100);
      expect({ width: receiver.width, height: receiver.height }).toEqual({ width: 320, height: 240 });
      expect(endpoint.getProperty('mediaState')).toBe('CONNECTED');
      expect(endpoint.isMediaFlowingIn('VIDEO')).toBe(true);
      expect(mediaStats.decodersCreated - before.decoders).toBe(0);
      expect(mediaStats.encodersCreated - before.encoders).toBe(0);
    }, 90_000);
  }

  it('sends Opus that FFmpeg decodes (a tone from a TestPatternEndpoint, encoded once)', async () => {
    const pipeline = new MediaPipeline();
    cleanup.push(() => pipeline.release());
    const tone = pipeline.create('TestPatternEndpoint', { pattern: 'SOLID_COLOR', width: 160, height: 120, toneFrequency: 440 }) as MediaElement;
    const endpoint = pipeline.create('RtpEndpoint') as RtpEndpoint;
    tone.connect(endpoint, 'AUDIO');
    const receiver = await startFfmpegReceiver(await freePortPair(), 'OPUS');
    cleanup.push(() => receiver.close());
    const answer = await endpoint.processOffer(receiver.sdp);
    expect(answer).toMatch(/^m=audio [1-9]\d* RTP\/AVP 96\r\n(?:.*\r\n)*a=rtpmap:96 opus\/48000\/2/m);
    await until(() => receiver.frames >= 25, '25 Opus frames decoded by FFmpeg', 60_000, 100);
    expect(receiver.sampleRate).toBe(48000);
    expect(endpoint.isMediaTranscoding('AUDIO')).toBe(false);
    expect(tone.isMediaTranscoding('AUDIO')).toBe(true);
  }, 90_000);

  it('SRTP (SDES): VP8 SRTP in → RtpEndpoint loopback → SRTP that FFmpeg decrypts (key from its SDP) and decodes', async () => {
    const key = Buffer.from('Fluo-SRTP-master-key+salt-30b!', 'latin1');
    expect(key.length).toBe(30);
    const pipeline = new MediaPipeline();
    cleanup.push(() => pipeline.release());
    const endpoint = pipeline.create('RtpEndpoint', { crypto: { keyBase64: key.toString('base64'), crypto: 'AES_128_CM_HMAC_SHA1_80' } }) as RtpEndpoint;
    endpoint.connect(endpoint);
    const receiver = await startFfmpegReceiver(await freePortPair(), 'VP8', key.toString('base64'));
    cleanup.push(() => receiver.close());
    const answer = await endpoint.processOffer(receiver.sdp);
    expect(answer).toMatch(/^m=video \d+ RTP\/SAVP 96/m);
    expect(answer).toContain(`a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${key.toString('base64')}`);
    const relay = await srtpRelay(key.toString('base64'), videoPort(answer));
    cleanup.push(() => relay.close());
    const sender = await startFfmpegSender('127.0.0.1', relay.port, 'VP8');
    cleanup.push(() => sender.stop());
    await until(() => receiver.frames >= 20, '20 frames decrypted and decoded by FFmpeg', 60_000, 100);
    expect({ width: receiver.width, height: receiver.height }).toEqual({ width: 320, height: 240 });
  }, 90_000);

  it('refuses bad SRTP keys, SRTP on one side only, offers without a common codec and answers without an offer, precisely', async () => {
    const pipeline = new MediaPipeline();
    cleanup.push(() => pipeline.release());
    expect(() => pipeline.create('RtpEndpoint', { crypto: { key: '0123456789012345678901234567890123456789' } })).toThrow(/30 bytes, got 40/);
    expect(() => pipeline.create('RtpEndpoint', { crypto: { key: '012345678901234567890123456789', crypto: 'AES_256_CM_HMAC_SHA1_80' } })).toThrow(/AES_256_CM_HMAC_SHA1_80 is not supported/);
    const secure = pipeline.create('RtpEndpoint', { crypto: { key: '012345678901234567890123456789' } }) as RtpEndpoint;
    const plainOffer = await secure.processOffer(receiverSdp(50000, 'VP8')).catch((e: unknown) => e);
    expect((plainOffer as MediaError).message).toMatch(/no a=crypto key for AES_CM_128_HMAC_SHA1_80/);
    const srtpOffer = await (pipeline.create('RtpEndpoint') as RtpEndpoint).processOffer(receiverSdp(50000, 'VP8', Buffer.alloc(30, 1).toString('base64'))).catch((e: unknown) => e);
    expect((srtpOffer as MediaError).message).toMatch(/asks for SRTP .* no crypto key/);
    const endpoint = pipeline.create('RtpEndpoint') as RtpEndpoint;
    const theora = receiverSdp(50000, 'VP8').replace('VP8/90000', 'THEORA/90000');
    const error = await endpoint.processOffer(theora).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).code).toBe(KurentoErrorCode.SDP_END_POINT_PROCESS_OFFER_ERROR);
    expect((error as MediaError).message).toMatch(/no common codec.*THEORA/);
    const noOffer = await endpoint.processAnswer(receiverSdp(50000, 'VP8')).catch((e: unknown) => e);
    expect((noOffer as MediaError).code).toBe(KurentoErrorCode.SDP_END_POINT_NOT_OFFER_GENERATED);
    // The failed offer left nothing half-done: a good one still works.
    expect(await endpoint.processOffer(receiverSdp(50000, 'VP8'))).toMatch(/^m=video [1-9]\d* RTP\/AVP 96/m);
  });
});
