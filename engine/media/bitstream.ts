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

/** Reads bits MSB first, with H.264's Exp-Golomb codes. */
class BitReader {
  private bit = 0;
  constructor(private readonly data: Buffer) {}
  u(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const byte = this.data[this.bit >> 3];
      if (byte === undefined) throw new RangeError('SPS ends early');
      v = (v << 1) | ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return v;
  }
  ue(): number {
    let zeros = 0;
    while (this.u(1) === 0) if (++zeros > 31) throw new RangeError('bad Exp-Golomb code');
    return (2 ** zeros - 1 + (zeros > 0 ? this.u(zeros) : 0)) >>> 0;
  }
  se(): number {
    const k = this.ue();
    return k & 1 ? (k + 1) / 2 : -(k / 2);
  }
}

/** Drops emulation-prevention bytes (00 00 03 → 00 00). */
function rbsp(nal: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < nal.length; i++) {
    if (i >= 2 && nal[i] === 3 && nal[i - 1] === 0 && nal[i - 2] === 0) continue;
    out.push(nal[i]!);
  }
  return Buffer.from(out);
}

const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** Picture size from the SPS of an H.264 access unit (Annex B), for sources that do not say. */
export function h264Size(data: Buffer): { width: number; height: number } | undefined {
  const sps = nalUnits(data).find((nal) => ((nal[0] ?? 0) & 0x1f) === 7);
  if (!sps) return undefined;
  try {
    const r = new BitReader(rbsp(sps.subarray(1)));
    const profile = r.u(8);
    r.u(16); // constraint flags, level
    r.ue(); // seq_parameter_set_id
    let chromaFormat = 1;
    if (HIGH_PROFILES.has(profile)) {
      chromaFormat = r.ue();
      if (chromaFormat === 3) r.u(1);
      r.ue(); // bit depth luma
      r.ue(); // bit depth chroma
      r.u(1);
      if (r.u(1)) return undefined; // scaling matrices: rare in real-time streams, not parsed
    }
    r.ue(); // log2_max_frame_num
    const pocType = r.ue();
    if (pocType === 0) r.ue();
    else if (pocType === 1) {
      r.u(1);
      r.se();
      r.se();
      const cycle = r.ue();
      for (let i = 0; i < cycle; i++) r.se();
    }
    r.ue(); // max_num_ref_frames
    r.u(1);
    const widthMbs = r.ue() + 1;
    const heightUnits = r.ue() + 1;
    const frameMbsOnly = r.u(1);
    if (!frameMbsOnly) r.u(1);
    r.u(1);
    let [left, right, top, bottom] = [0, 0, 0, 0];
    if (r.u(1)) [left, right, top, bottom] = [r.ue(), r.ue(), r.ue(), r.ue()];
    const cropX = chromaFormat === 0 || chromaFormat === 3 ? 1 : 2;
    const cropY = (chromaFormat === 1 ? 2 : 1) * (2 - frameMbsOnly);
    return {
      width: widthMbs * 16 - cropX * (left + right),
      height: (2 - frameMbsOnly) * heightUnits * 16 - cropY * (top + bottom),
    };
  } catch {
    return undefined;
  }
}
