/** Bitstream helpers: Annex B NAL units (start codes 00 00 01 / 00 00 00 01), VP8 keyframe headers. */

/** Splits an Annex B access unit into its NAL units (without start codes). */
export function nalUnits(data: Buffer): Buffer[] {
  const starts: { at: number; len: number }[] = [];
  for (let i = 0; i + 2 < data.length; i++) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      const long = i > 0 && data[i - 1] === 0;
      starts.push({ at: i + 3, len: long ? 4 : 3 });
      i += 2;
    }
  }
  return starts.map((s, k) => {
    const next = starts[k + 1];
    return data.subarray(s.at, next ? next.at - next.len : data.length);
  });
}

/** SPS and PPS of a keyframe, start-code prefixed: the extradata MP4 needs to write avcC. */
export function h264ParameterSets(data: Buffer): Buffer | undefined {
  const sets = nalUnits(data).filter((nal) => nal.length > 0 && [7, 8].includes((nal[0] ?? 0) & 0x1f));
  if (!sets.some((n) => ((n[0] ?? 0) & 0x1f) === 7) || !sets.some((n) => ((n[0] ?? 0) & 0x1f) === 8)) return undefined;
  const startCode = Buffer.from([0, 0, 0, 1]);
  return Buffer.concat(sets.flatMap((nal) => [startCode, nal]));
}

/** Width and height from a VP8 keyframe header (RFC 6386 §9.1), for sources that do not say. */
export function vp8KeyframeSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length < 10 || (data[0] ?? 1) & 1 || data[3] !== 0x9d || data[4] !== 0x01 || data[5] !== 0x2a) return undefined;
  return { width: data.readUInt16LE(6) & 0x3fff, height: data.readUInt16LE(8) & 0x3fff };
}
