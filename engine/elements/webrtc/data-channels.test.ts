/**
 * Data channels: a werift peer opens 'chat' to a WebRtcEndpoint connected to itself, so its
 * messages come back (DATA loopback); the endpoint opens its own channel and closes one, with
 * Kurento's DataChannelOpened/Closed events.
 */
import type { RTCDataChannel } from 'werift';
import { describe, expect, it } from 'vitest';
import { KurentoErrorCode, MediaError } from '../../errors.ts';
import type { MediaEvent } from '../../model/media-object.ts';
import { MediaPipeline } from '../../model/media-pipeline.ts';
import { cleanupAfterEach, until } from '../../webrtc/test-support.ts';
import { WebRtcTransport } from '../../webrtc/webrtc-transport.ts';
import './index.ts';
import type { WebRtcEndpoint } from './web-rtc-endpoint.ts';

describe('WebRtcEndpoint data channels', () => {
  const cleanup = cleanupAfterEach();

  it('echoes a channel through a DATA loopback, opens and closes channels with events', async () => {
    const pipeline = new MediaPipeline();
    cleanup.push(() => pipeline.release());
    const endpoint = pipeline.create('WebRtcEndpoint', { useDataChannels: true }) as WebRtcEndpoint;
    endpoint.connect(endpoint);
    expect(endpoint.getSinkConnections('DATA')).toHaveLength(1);
    const events: MediaEvent[] = [];
    endpoint.on('*', (e) => events.push(e));

    const fromServer: RTCDataChannel[] = [];
    const peer = new WebRtcTransport({}, { onDataChannel: (c) => fromServer.push(c) });
    cleanup.push(() => peer.close());
    const chat = peer.pc.createDataChannel('chat');
    const echoed: string[] = [];
    chat.onMessage.subscribe((m) => echoed.push(m.toString()));
    await peer.processAnswer(await endpoint.processOffer(await peer.generateOffer({ video: true })));

    await until(() => events.some((e) => e.type === 'DataChannelOpened') && chat.readyState === 'open', 'the chat channel open at both ends');
    chat.send('hello');
    chat.send('world');
    await until(() => echoed.length >= 2, 'the messages back');
    expect(echoed).toEqual(['hello', 'world']);

    endpoint.createDataChannel('server', true, -1, -1, '');
    await until(() => fromServer.some((c) => c.label === 'server'), "the endpoint's channel at the peer");

    const chatId = events.find((e) => e.type === 'DataChannelOpened')!.channelId as number;
    endpoint.closeDataChannel(chatId);
    await until(() => events.some((e) => e.type === 'DataChannelClosed' && e.channelId === chatId), 'DataChannelClosed');
    expect(() => endpoint.closeDataChannel(9999)).toThrow(/no data channel 9999/);
  }, 60000);

  it('refuses data channel calls on an endpoint made without useDataChannels', () => {
    const pipeline = new MediaPipeline();
    cleanup.push(() => pipeline.release());
    const endpoint = pipeline.create('WebRtcEndpoint') as WebRtcEndpoint;
    let error: unknown;
    try {
      endpoint.createDataChannel('x');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).code).toBe(KurentoErrorCode.MEDIA_OBJECT_OPERATION_NOT_SUPPORTED);
  });
});
