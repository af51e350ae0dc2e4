/** Mapping between our codec names and FFmpeg's codec ids / encoder names. */
import './ffmpeg-log.ts';
import {
  AV_CODEC_ID_AAC,
  AV_CODEC_ID_H264,
  AV_CODEC_ID_OPUS,
  AV_CODEC_ID_PCM_ALAW,
  AV_CODEC_ID_PCM_MULAW,
  AV_CODEC_ID_VP8,
  AV_CODEC_ID_VP9,
  type AVCodecID,
} from 'node-av/constants';
import type { Codec } from './media-unit.ts';

export const CODEC_IDS: Record<Codec, AVCodecID> = {
  VP8: AV_CODEC_ID_VP8,
  VP9: AV_CODEC_ID_VP9,
  H264: AV_CODEC_ID_H264,
  OPUS: AV_CODEC_ID_OPUS,
  AAC: AV_CODEC_ID_AAC,
  PCMU: AV_CODEC_ID_PCM_MULAW,
  PCMA: AV_CODEC_ID_PCM_ALAW,
};

/** Encoders used for each codec: realtime-capable ones. */
export const ENCODER_NAMES: Record<Codec, string> = {
  VP8: 'libvpx',
  VP9: 'libvpx-vp9',
  H264: 'libx264',
  OPUS: 'libopus',
  AAC: 'aac',
  PCMU: 'pcm_mulaw',
  PCMA: 'pcm_alaw',
};

/** Our codec name for an FFmpeg codec id, or undefined for a codec we do not carry encoded. */
export function codecOfId(id: AVCodecID): Codec | undefined {
  for (const [name, value] of Object.entries(CODEC_IDS)) if (value === id) return name as Codec;
  return undefined;
}

/** Decoded audio of these codecs runs at a fixed rate. */
export function defaultSampleRate(codec: Codec): number {
  return codec === 'OPUS' ? 48000 : codec === 'PCMU' || codec === 'PCMA' ? 8000 : 48000;
}

export const MICROSECONDS = { num: 1, den: 1_000_000 } as const;
