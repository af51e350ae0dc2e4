// Sandboxed preload (CommonJS, one file: a sandboxed preload can require only 'electron').
// Exposes DesktopApi as window.fluoDesktop through contextBridge and nothing else; forwards the RPC
// MessagePort to the page; shows a banner while the engine host restarts.
// Sandboxed preloads are CommonJS, and verbatimModuleSyntax spells a CJS import this way.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');

const { contextBridge, ipcRenderer } = electron;
import type { IpcRendererEvent } from 'electron';
import type { DesktopApi, HostStatus, IpcChannel, MenuCommand, OpenedPipelineFile } from './desktop-api.ts';

const RPC_PORT_MESSAGE = 'fluo:rpc-port';

function channel(name: IpcChannel): IpcChannel {
  return name;
}

function subscribe<T>(name: IpcChannel, listener: (value: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, value: T): void => listener(value);
  ipcRenderer.on(name, handler);
  return () => {
    ipcRenderer.removeListener(name, handler);
  };
}

// Main sends a fresh port for every connect request; hand it to the page's world. targetOrigin is
// our own origin so the port can never be delivered to anything else.
ipcRenderer.on(channel('fluo:rpc-port'), (event: IpcRendererEvent) => {
  window.postMessage(RPC_PORT_MESSAGE, window.location.origin, [...event.ports]);
});

function requestRpcPort(): Promise<void> {
  return ipcRenderer.invoke(channel('fluo:connect-rpc'));
}

// The page's module script installs its port listener while it runs, which is before
// DOMContentLoaded: connecting then means the port cannot arrive before anyone listens.
window.addEventListener(
  'DOMContentLoaded',
  () => {
    requestRpcPort().catch((error: unknown) => console.error(`Fluo: no connection to the engine: ${String(error)}`));
  },
  { once: true },
);

// Files opened at launch can arrive before the page subscribes: keep them until it does.
const pendingFiles: OpenedPipelineFile[] = [];
const fileListeners = new Set<(file: OpenedPipelineFile) => void>();
ipcRenderer.on(channel('fluo:file-opened'), (_event: IpcRendererEvent, file: OpenedPipelineFile) => {
  if (fileListeners.size === 0) pendingFiles.push(file);
  for (const listener of fileListeners) listener(file);
});

function onFileOpened(listener: (file: OpenedPipelineFile) => void): () => void {
  fileListeners.add(listener);
  for (const file of pendingFiles.splice(0)) listener(file);
  return () => {
    fileListeners.delete(listener);
  };
}

const BANNER_ID = 'fluo-host-banner';

function showHostBanner(status: HostStatus): void {
  const existing = document.getElementById(BANNER_ID);
  if (status.state === 'running' && !status.recovered) {
    existing?.remove();
    return;
  }
  const banner = existing ?? document.createElement('div');
  banner.id = BANNER_ID;
  banner.setAttribute('role', 'alert');
  banner.style.cssText =
    'position:fixed;top:0;left:0;right:0;z-index:2147483647;padding:8px 12px;font:13px system-ui,sans-serif;' +
    'color:#fff;text-align:center;cursor:pointer;background:' + (status.state === 'failed' ? '#b3261e' : '#9a6700');
  banner.textContent =
    status.state === 'restarting'
      ? `The engine stopped (${status.reason}); restarting it. Your open graph is kept as a draft.`
      : status.state === 'failed'
        ? `The engine keeps stopping (${status.reason}); see Help > Open Logs Folder. Your draft is kept.`
        : `The engine was restarted after it stopped (${status.recovered?.reason ?? 'unknown'}). Your graph was kept as a draft. (Click to dismiss.)`;
  banner.onclick = () => banner.remove();
  if (!existing) document.body.append(banner);
}

ipcRenderer.on(channel('fluo:host-status'), (_event: IpcRendererEvent, status: HostStatus) => {
  if (document.body) showHostBanner(status);
  else window.addEventListener('DOMContentLoaded', () => showHostBanner(status), { once: true });
});

const api: DesktopApi = {
  platform: process.platform,
  connectRpc: requestRpcPort,
  onMenuCommand: (listener) => subscribe<MenuCommand>('fluo:menu-command', listener),
  onFileOpened,
  onHostStatus: (listener) => subscribe<HostStatus>('fluo:host-status', listener),
  showOpenPipelineDialog: () => ipcRenderer.invoke(channel('fluo:open-pipeline-dialog')),
  showSavePipelineDialog: (suggestedName, text) =>
    ipcRenderer.invoke(channel('fluo:save-pipeline-dialog'), String(suggestedName), String(text)),
};

contextBridge.exposeInMainWorld('fluoDesktop', api);
