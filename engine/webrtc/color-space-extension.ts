/**
 * WebRTC's color-space RTP header extension (http://www.webrtc.org/experiments/rtp-hdrext/color-space):
 * how the sender's YUV is to be read (primaries, transfer, matrix, range). VP8 and H.264 carry
 * no range of their own, so a receiver without it assumes limited range: Chrome's canvas and
 * screen captures are full range and came back washed out through a pass-through endpoint.
 * The engine negotiates it, remembers what each incoming stream says and repeats it on the
 * frames it forwards untouched. (Kurento drops it; we keep the sender's colours.)
 */
import { RTCRtpHeaderExtensionParameters, type RtpPacket } from 'werift';

export const COLOR_SPACE_URI = 'http://www.webrtc.org/experiments/rtp-hdrext/color-space';

/** One-byte header extensions hold at most 16 bytes: the 4-byte form without HDR metadata. */
const MAX_ONE_BYTE_PAYLOAD = 16;

/** For werift's config: it numbers what it offers, and takes the offerer's id in an answer. */
export function colorSpaceHeaderExtension(): RTCRtpHeaderExtensionParameters {
  return new RTCRtpHeaderExtensionParameters({ uri: COLOR_SPACE_URI });
}

/** The negotiated id of the extension among a transceiver's, or undefined when not agreed. */
export function colorSpaceExtensionId(negotiated: readonly { id: number; uri: string }[]): number | undefined {
  return negotiated.find((e) => e.uri === COLOR_SPACE_URI)?.id;
}

/** The extension's payload in a received packet, if it carries one. */
export function readColorSpace(packet: RtpPacket, id: number | undefined): Buffer | undefined {
  if (id === undefined) return undefined;
  return packet.header.extensions.find((e) => e.id === id)?.payload;
}

/**
 * Puts the colour space on the last packet of a frame, where libwebrtc reads it (it keeps the
 * last value for the frames that follow).
 */
export function writeColorSpace(framePackets: RtpPacket[], id: number | undefined, payload: Buffer | undefined): void {
  const last = framePackets.at(-1);
  if (!last || id === undefined || !payload || payload.length === 0 || payload.length > MAX_ONE_BYTE_PAYLOAD) return;
  last.header.extensions.push({ id, payload });
}
