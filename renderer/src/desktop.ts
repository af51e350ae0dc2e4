/**
 * The desktop shell's extras, when the page runs in Electron (window.fluoDesktop, exposed by
 * main/preload under the contract in main/desktop-api.ts): menu commands, files opened from the
 * OS, native open/save dialogs, engine host status. In a browser all of it is absent and the
 * web fallbacks apply.
 */
import { useEffect, useRef } from 'react';
import type { DesktopApi, HostStatus, MenuCommand, OpenedPipelineFile } from '../../main/desktop-api.ts';

export type { HostStatus, OpenedPipelineFile };

export function desktop(): DesktopApi | undefined {
  return (window as { fluoDesktop?: DesktopApi }).fluoDesktop;
}

/** Subscribes the editor to the shell's menu, opened files and host status (no-op in a browser). */
export function useDesktopEvents(handlers: { command(name: MenuCommand): void; file(file: OpenedPipelineFile): void; host(status: HostStatus): void }): void {
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
