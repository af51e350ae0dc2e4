import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, restoreWindowState, windowStateToSave } from './window-state.ts';

const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1440 };

describe('window state', () => {
  it('restores saved size and position on a connected display', () => {
    const saved = windowStateToSave({ x: 2000, y: 100, width: 1400, height: 900 }, true);
    expect(restoreWindowState(JSON.parse(JSON.stringify(saved)), [laptop, rightMonitor])).toEqual({
      x: 2000,
      y: 100,
      width: 1400,
      height: 900,
      maximized: true,
    });
  });

  it('drops a position left on an unplugged monitor but keeps the size', () => {
    expect(restoreWindowState({ x: 2000, y: 100, width: 1400, height: 900, maximized: false }, [laptop])).toEqual({
      width: 1400,
      height: 900,
      maximized: false,
    });
  });

  it('falls back to defaults for damaged files and clamps tiny sizes', () => {
    expect(restoreWindowState(undefined, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    expect(restoreWindowState('garbage', [laptop])).toEqual(DEFAULT_WINDOW_STATE);
    expect(restoreWindowState({ width: 10, height: Number.NaN, x: 'a' }, [laptop])).toEqual({ width: 640, height: 800, maximized: false });
  });
});
