/**
 * The desktop shell's extras, when the page runs in Electron (window.fluoDesktop, exposed by
 * main/preload): menu commands, files opened from the OS, native open/save dialogs, engine
 * host status. Declared here structurally (only what the editor uses) so the renderer does
 * not depend on main/; in a browser all of it is absent and the web fallbacks apply.
 */
import { useEffect, useRef } from 'react';

export interface OpenedFile {
  path: string;
  name: string;
  text: string;
}

export type HostStatus =
  | { state: 'running'; generation: number; recovered?: { reason: string } }
  | { state: 'restarting'; generation: number; reason: string; delayMs: number }
  | { state: 'failed'; generation: number; reason: string };

interface DesktopBridge {
  onMenuCommand(listener: (command: string) => void): () => void;
  onFileOpened(listener: (file: OpenedFile) => void): () => void;
  onHostStatus(listener: (status: HostStatus) => void): () => void;
  showOpenPipelineDialog(): Promise<OpenedFile | undefined>;
  showSavePipelineDialog(suggestedName: string, text: string): Promise<string | undefined>;
}

export function desktop(): DesktopBridge | undefined {
  return (window as unknown as { fluoDesktop?: DesktopBridge }).fluoDesktop;
}

/** Subscribes the editor to the shell's menu, opened files and host status (no-op in a browser). */
export function useDesktopEvents(handlers: { command(name: string): void; file(file: OpenedFile): void; host(status: HostStatus): void }): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const bridge = desktop();
    if (!bridge) return;
    const offs = [
      bridge.onMenuCommand((c) => latest.current.command(c)),
      bridge.onFileOpened((f) => latest.current.file(f)),
      bridge.onHostStatus((s) => latest.current.host(s)),
    ];
    return () => offs.forEach((off) => off());
  }, []);
}
