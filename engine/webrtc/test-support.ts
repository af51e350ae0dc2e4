/** Helpers shared by the RTP/WebRTC tests (not a test itself). */
import { afterEach } from 'vitest';

/** A VP8-shaped payload: bit 0 of the first byte clear marks a keyframe (RFC 6386). */
export function fakeVp8(size: number, keyframe: boolean, seed: number): Buffer {
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + seed) & 0xff;
  data[0] = keyframe ? 0x10 : 0x11;
  return data;
}

/** Polls `check` until it holds; rejects with `what` after `timeoutMs`. */
export function until(check: () => boolean, what: string, timeoutMs = 20000, everyMs = 20): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      let ok = false;
      try {
        ok = check();
      } catch (error) {
        clearInterval(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (ok) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, everyMs);
  });
}

/**
 * Sends `frames` again and again (each round 33 ms on in media time) until `count` frames came
 * back, as a live stream would: a peer drops what it gets before it is connected or has a keyframe.
 */
export function sendUntilReceived(send: (frame: Buffer, timestampUs: number) => void, frames: Buffer[], received: () => number, what: string, count = frames.length): Promise<void> {
  let timestampUs = 1_000_000;
  return until(() => {
    for (const frame of frames) send(frame, (timestampUs += 33_333));
    return received() >= count;
  }, what, 20_000, 100);
}

/**
 * Registers an afterEach that runs the cleanup steps added during a test, last first.
 * Call in a describe block; returns the list to push steps onto.
 */
export function cleanupAfterEach(): (() => unknown)[] {
  const steps: (() => unknown)[] = [];
  afterEach(async () => {
    for (const step of steps.splice(0).reverse()) await step();
  });
  return steps;
}
