import { readFileSync } from 'node:fs';

/** userData/settings.json. Only what the shell itself needs to know. */
export interface DesktopSettings {
  /** The Kurento Protocol server is off in the desktop app unless turned on here. */
  kurentoServer: { enabled: boolean; port: number };
}

export const DEFAULT_SETTINGS: DesktopSettings = { kurentoServer: { enabled: false, port: 8888 } };

export function parseDesktopSettings(raw: unknown): DesktopSettings {
  const settings = structuredClone(DEFAULT_SETTINGS);
  if (typeof raw !== 'object' || raw === null) return settings;
  const kurento = (raw as Record<string, unknown>).kurentoServer;
  if (typeof kurento === 'object' && kurento !== null) {
    const { enabled, port } = kurento as Record<string, unknown>;
    if (typeof enabled === 'boolean') settings.kurentoServer.enabled = enabled;
    if (typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536) settings.kurentoServer.port = port;
  }
  return settings;
}

export function readDesktopSettings(file: string): DesktopSettings {
  try {
    return parseDesktopSettings(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return structuredClone(DEFAULT_SETTINGS);
  }
}

/**
 * Arguments for the engine host. The Kurento server, when enabled, listens on loopback only: the
 * desktop app never exposes the engine to the network.
 */
export function engineHostArgs(settings: DesktopSettings): string[] {
  return settings.kurentoServer.enabled ? [`--kurento-listen=127.0.0.1:${settings.kurentoServer.port}`] : [];
}
