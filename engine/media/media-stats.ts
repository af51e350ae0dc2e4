/**
 * Live counts of codec instances, so tests and the bench can prove pass-through (no codec)
 * and sharing (one decoder per source, one encoder per output format).
 */
export const mediaStats = {
  decoders: 0,
  encoders: 0,
  /** Totals since start, for "how many were ever created" assertions. */
  decodersCreated: 0,
  encodersCreated: 0,
  /** Frames dropped because a stage was busy (keep-newest policy). */
  droppedFrames: 0,
};

export function countDecoder(delta: 1 | -1): void {
  mediaStats.decoders += delta;
  if (delta > 0) mediaStats.decodersCreated++;
}

export function countEncoder(delta: 1 | -1): void {
  mediaStats.encoders += delta;
  if (delta > 0) mediaStats.encodersCreated++;
}

export function countDrop(n = 1): void {
  mediaStats.droppedFrames += n;
}
