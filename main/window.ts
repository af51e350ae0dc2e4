// The one editor window: secure webPreferences, saved geometry, no navigation, no popups.
import { BrowserWindow, screen } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { APP_ENTRY_URL } from './app-origin.ts';
import type { LogFile } from './log-file.ts';
import { isNavigationAllowed, windowOpenAction } from './security/navigation.ts';
import { secureWebPreferences } from './security/web-preferences.ts';
import { restoreWindowState, windowStateToSave } from './window-state.ts';

export interface MainWindowOptions {
  preloadPath: string;
  stateFile: string;
  iconPath?: string;
  log: LogFile;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(options.stateFile, 'utf8'));
  } catch {
    saved = undefined;
  }
  const state = restoreWindowState(saved, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Fluo',
    backgroundColor: '#1e1e1e',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const saveState = (): void => {
    try {
      writeFileSync(options.stateFile, JSON.stringify(windowStateToSave(window.getNormalBounds(), window.isMaximized())));
    } catch (error) {
      options.log.write('warn', `cannot save window state to ${options.stateFile}: ${String(error)}`);
    }
  };
  window.on('close', saveState);

  guardWebContents(window.webContents, options.log);
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** Applied to every webContents the app creates (also from app 'web-contents-created'). */
export function guardWebContents(contents: Electron.WebContents, log: LogFile): void {
  contents.on('will-navigate', (event, url) => {
    if (isNavigationAllowed(url)) return;
    event.preventDefault();
    log.write('warn', `blocked navigation to ${url}`);
  });
  contents.on('will-redirect', (event, url) => {
    if (isNavigationAllowed(url)) return;
    event.preventDefault();
    log.write('warn', `blocked redirect to ${url}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.write('warn', 'blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.write('warn', `blocked window.open(${url})`);
    return windowOpenAction();
  });
}
