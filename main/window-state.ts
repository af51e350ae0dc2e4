/** Saved window geometry (userData/window-state.json). */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
const MIN_WIDTH = 640;
const MIN_HEIGHT = 480;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Reads saved geometry, tolerating a missing or damaged file, and drops the position when it is no
 * longer on any display (a monitor was unplugged) so the window never opens off-screen.
 */
export function restoreWindowState(saved: unknown, displays: readonly Rectangle[]): WindowState {
  if (typeof saved !== 'object' || saved === null) return { ...DEFAULT_WINDOW_STATE };
  const record = saved as Record<string, unknown>;
  const width = isFiniteNumber(record.width) ? Math.max(MIN_WIDTH, Math.round(record.width)) : DEFAULT_WINDOW_STATE.width;
  const height = isFiniteNumber(record.height) ? Math.max(MIN_HEIGHT, Math.round(record.height)) : DEFAULT_WINDOW_STATE.height;
  const state: WindowState = { width, height, maximized: record.maximized === true };
  if (isFiniteNumber(record.x) && isFiniteNumber(record.y)) {
    const bounds = { x: Math.round(record.x), y: Math.round(record.y), width, height };
    if (displays.some((display) => overlapsEnough(bounds, display))) {
      state.x = bounds.x;
      state.y = bounds.y;
    }
  }
  return state;
}

/** At least a 100x50 piece of the window (its title bar area) must be on the display. */
function overlapsEnough(window: Rectangle, display: Rectangle): boolean {
  const overlapX = Math.min(window.x + window.width, display.x + display.width) - Math.max(window.x, display.x);
  const overlapY = Math.min(window.y + window.height, display.y + display.height) - Math.max(window.y, display.y);
  return overlapX >= 100 && overlapY >= 50;
}

/** What to save: the normal (un-maximized) bounds plus whether it was maximized. */
export function windowStateToSave(normalBounds: Rectangle, maximized: boolean): WindowState {
  return { ...normalBounds, maximized };
}
