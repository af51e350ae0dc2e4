// The contract between the Electron shell and the editor page. The preload exposes `DesktopApi` as
// `window.fluoDesktop` through contextBridge; nothing else of Electron or Node reaches the page.
// The UI's RPC (app/rpc) does not go through this API: it runs over a MessagePort that main creates
// and the preload hands to the page with window.postMessage(RPC_PORT_MESSAGE, origin, [port]) once
// the page has loaded (renderer/src/rpc.ts listens for it). When the engine host had to be
// restarted, main reloads the page: it reconnects and the editor offers the autosaved draft.

/** Commands the application menu sends to the page; the editor runs them as it runs its shortcuts. */
export type MenuCommand =
  | 'file.new'
  | 'file.open'
  | 'file.save'
  | 'file.export'
  | 'edit.undo'
  | 'edit.redo'
  | 'edit.duplicate'
  | 'edit.delete'
  | 'view.fitView'
  | 'view.autoLayout'
  | 'view.toggleTheme'
  | 'view.toggleEventLog'
  | 'run.toggle'
  | 'help.shortcuts';

/** A pipeline JSON file the person chose (File > Import, a file on the command line, Finder "Open with"). */
export interface OpenedPipelineFile {
  path: string;
  name: string;
  /** The file's text; the page validates it through the RPC import call. */
  text: string;
}

/** State of the engine host process, pushed to the page. */
export type HostStatus =
  /** recovered: this host replaced one that stopped (the page was reloaded to reconnect). */
  | { state: 'running'; generation: number; recovered?: { reason: string } }
  | { state: 'restarting'; generation: number; reason: string; delayMs: number }
  | { state: 'failed'; generation: number; reason: string };

export interface DesktopApi {
  readonly platform: string;
  /**
   * Asks main for another RPC connection to the engine host (the preload makes the first one by
   * itself). The port arrives as a window 'message' event whose data is RPC_PORT_MESSAGE and whose
   * ports[0] is the MessagePort.
   */
  connectRpc(): Promise<void>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onFileOpened(listener: (file: OpenedPipelineFile) => void): () => void;
  onHostStatus(listener: (status: HostStatus) => void): () => void;
  /** Native open dialog for pipeline JSON; undefined when cancelled. */
  showOpenPipelineDialog(): Promise<OpenedPipelineFile | undefined>;
  /** Native save dialog; writes `text` to the chosen file and returns its path, or undefined when cancelled. */
  showSavePipelineDialog(suggestedName: string, text: string): Promise<string | undefined>;
}

export const RPC_PORT_MESSAGE = 'fluo:rpc-port';

/** IPC channel names (preload <-> main). */
export type IpcChannel =
  | 'fluo:connect-rpc'
  | 'fluo:rpc-port'
  | 'fluo:menu-command'
  | 'fluo:file-opened'
  | 'fluo:host-status'
  | 'fluo:open-pipeline-dialog'
  | 'fluo:save-pipeline-dialog';

declare global {
  interface Window {
    /** Present only in the desktop app. */
    fluoDesktop?: DesktopApi;
  }
}
