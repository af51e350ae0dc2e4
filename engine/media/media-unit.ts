/**
 * What flows over a connection: an encoded access unit (pass-through, no pixels touched) or a
 * decoded frame. Timestamps are microseconds on the producer's clock and travel end to end,
 * so audio and video stay in sync through every stage.
 *
 * Ownership of raw frames: a unit is valid during `MediaInlet.receive()` only. The producer
 * frees its frame after delivering it; a receiver that keeps a frame longer (an async encoder,
 * a mixer) takes its own reference with `frame.clone()` and frees that when done.
 */
import type { Frame } from 'node-av';

export type VideoCodec = 'VP8' | 'VP9' | 'H264';
export type AudioCodec = 'OPUS' | 'PCMU' | 'PCMA' | 'AAC';
export type Codec = VideoCodec | AudioCodec;
export type AvMediaType = 'AUDIO' | 'VIDEO';

export const VIDEO_CODECS: readonly VideoCodec[] = ['VP8', 'VP9', 'H264'];
export const AUDIO_CODECS: readonly AudioCodec[] = ['OPUS', 'PCMU', 'PCMA', 'AAC'];

export function mediaTypeOfCodec(codec: Codec): AvMediaType {
  return (VIDEO_CODECS as readonly string[]).includes(codec) ? 'VIDEO' : 'AUDIO';
}

export interface EncodedUnit {
  kind: 'encoded';
  mediaType: AvMediaType;
  codec: Codec;
  /** One access unit: a whole video frame (Annex B for H.264) or one audio packet. */
  data: Buffer;
  timestampUs: number;
  durationUs?: number;
  keyframe: boolean;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
  /** Codec configuration (e.g. AAC AudioSpecificConfig, H.264 avcC) when the producer has one. */
  extradata?: Buffer;
  /**
   * How the YUV is to be read, as WebRTC's color-space RTP header extension payload: a WebRTC
   * sender's, passed on untouched, or made by the encoder from its frames' colours
   * (engine/webrtc/color-space-payload.ts). Absent: limited-range BT.601.
   */
  colorSpace?: Buffer;
}

export interface RawVideoUnit {
  kind: 'raw-video';
  mediaType: 'VIDEO';
  /**
   * node-av Frame, yuv420p. Valid during receive() only: clone() it to keep it. Its colorRange,
   * colorSpace, colorPrimaries and colorTrc say how to read the pixels (a decoded WebRTC stream
   * carries what the sender's color-space extension said); keep them on frames made from it.
   */
  frame: Frame;
  width: number;
  height: number;
  timestampUs: number;
}

export interface RawAudioUnit {
  kind: 'raw-audio';
  mediaType: 'AUDIO';
  /** node-av Frame; sample format as the decoder/source gives it (fltp for Opus/AAC). */
  frame: Frame;
  sampleRate: number;
  channels: number;
  timestampUs: number;
}

export type RawUnit = RawVideoUnit | RawAudioUnit;
export type MediaUnit = EncodedUnit | RawUnit;
