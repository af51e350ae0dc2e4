import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyframeThrottle } from './keyframe-throttle.ts';

describe('KeyframeThrottle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends one request now and at most one more per 300 ms, however many arrive', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    let sent = 0;
    const throttle = new KeyframeThrottle(() => sent++);
    for (let i = 0; i < 20; i++) throttle.request();
    expect(sent).toBe(1);
    vi.advanceTimersByTime(299);
    expect(sent).toBe(1);
    vi.advanceTimersByTime(1);
    expect(sent).toBe(2); // the burst's trailing request
    vi.advanceTimersByTime(1000);
    expect(sent).toBe(2); // nothing new was asked
    throttle.request();
    expect(sent).toBe(3);
    throttle.request();
    throttle.close();
    vi.advanceTimersByTime(1000);
    expect(sent).toBe(3); // closed: the pending one is dropped
  });
});
