/** Where the store lives when nobody says: the platform's per-user data folder for the app "Fluo". */
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const APP_FOLDER = 'Fluo';
export const DATABASE_FILE = 'fluo.sqlite';

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/**
 * FLUO_DB wins; otherwise the folder Electron's app.getPath('userData') gives for "Fluo":
 * Linux and other Unixes $XDG_CONFIG_HOME/Fluo (~/.config/Fluo), macOS ~/Library/Application Support/Fluo,
 * Windows %APPDATA%\Fluo. Platform and home are parameters so every platform's answer can be tested anywhere.
 */
export function defaultDatabasePath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = nonEmpty(env.FLUO_DB);
  if (override) return override;
  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA) ?? win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, APP_FOLDER, DATABASE_FILE);
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_FOLDER, DATABASE_FILE);
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  const configHome = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.config');
  return posix.join(configHome, APP_FOLDER, DATABASE_FILE);
}
