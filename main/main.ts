// Fluo desktop: the Electron main process. Thin by design: window, menu, dialogs, permissions, and
// the engine host's lifecycle. The UI's RPC runs renderer <-> engine host over a MessagePort.
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session, shell } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { APP_SCHEME } from './app-origin.ts';
import { createAppRequestHandler } from './app-protocol.ts';
import type { HostStatus, IpcChannel, MenuCommand } from './desktop-api.ts';
import { engineHostArgs, readDesktopSettings } from './desktop-settings.ts';
import { EngineHost } from './engine-host.ts';
import { LogFile } from './log-file.ts';
import { applicationMenuTemplate } from './menu-template.ts';
import { pipelineFileFromArgv } from './pipeline-file-args.ts';
import { PIPELINE_FILE_FILTERS, readPipelineFile, writePipelineFile } from './pipeline-file-io.ts';
import { isTrustedIpcSender } from './security/ipc-sender.ts';
import { isPermissionGranted } from './security/permissions.ts';
import { createMainWindow, guardWebContents } from './window.ts';

// Before 'ready': the name decides the userData folder (~/.config/Fluo, the same folder the store's
// defaultDatabasePath uses), and custom schemes must be registered before any window exists.
app.setName('Fluo');
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } },
]);

/** The app's root: the asar (packaged) or the repository (development). main/dist/main.js lives two levels down. */
const appRoot = app.isPackaged ? app.getAppPath() : path.resolve(import.meta.dirname, '..', '..');
const log = new LogFile(path.join(app.getPath('logs'), 'main.log'));
let mainWindow: BrowserWindow | undefined;
let host: EngineHost | undefined;
let lastHostStatus: HostStatus | undefined;
/** Files asked for before the window could take them (argv at launch, macOS open-file before ready). */
const pendingFiles: string[] = [];

if (!app.requestSingleInstanceLock()) {
  // A Fluo is already running: it receives our argv in 'second-instance' and opens the file there.
  app.quit();
} else {
  const launchFile = pipelineFileFromArgv(process.argv.slice(1), process.cwd());
  if (launchFile) pendingFiles.push(launchFile);
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = pipelineFileFromArgv(argv.slice(1), workingDirectory);
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    if (file) openPipelineFile(file);
  });
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openPipelineFile(file);
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('before-quit', () => host?.stop());
  void app.whenReady().then(onReady, (error: unknown) => {
    log.write('error', `startup failed: ${String(error)}`);
    app.exit(1);
  });
}

function onReady(): void {
  log.write('info', `Fluo ${app.getVersion()} starting (Electron ${process.versions.electron})`);
  installPermissionHandlers();
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererRoot()));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenuTemplate(
        {
          send: sendMenuCommand,
          importPipeline: () => void importPipelineViaDialog(),
          openLogsFolder: () => void shell.openPath(app.getPath('logs')),
          showAbout: () => app.showAboutPanel(),
        },
        { platform: process.platform, appName: 'Fluo', developer: !app.isPackaged },
      ),
    ),
  );
  app.setAboutPanelOptions({ applicationName: 'Fluo', applicationVersion: app.getVersion(), copyright: 'MIT License' });
  installIpcHandlers();
  startEngineHost();
  openWindow();
}

function rendererRoot(): string {
  return process.env.FLUO_RENDERER_DIR ?? path.join(appRoot, 'renderer', 'dist');
}

function installPermissionHandlers(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted({
      permission,
      requestingUrl: details.requestingUrl,
      securityOrigin: 'securityOrigin' in details ? details.securityOrigin : undefined,
      isMainFrame: details.isMainFrame,
      mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
    });
    if (!granted) log.write('warn', `denied permission ${permission} for ${details.requestingUrl}`);
    callback(granted);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted({
      permission,
      requestingUrl: details.requestingUrl ?? requestingOrigin,
      securityOrigin: details.securityOrigin,
      isMainFrame: details.isMainFrame,
      mediaTypes: details.mediaType ? [details.mediaType] : undefined,
    }),
  );
  ses.setDevicePermissionHandler(() => false);
}

function openWindow(): void {
  mainWindow = createMainWindow({
    preloadPath: path.join(import.meta.dirname, 'preload.cjs'),
    stateFile: path.join(app.getPath('userData'), 'window-state.json'),
    // Packaged: copied beside the asar by electron-builder (extraResources); build/ itself is not shipped.
    iconPath: app.isPackaged ? path.join(process.resourcesPath, 'icon.png') : path.join(appRoot, 'build', 'icons', 'png', '512x512.png'),
    log,
  });
  const window = mainWindow;
  window.webContents.on('did-finish-load', () => {
    if (lastHostStatus) window.webContents.send('fluo:host-status' satisfies IpcChannel, lastHostStatus);
    // Tell about a recovery once, not again on every later reload.
    if (lastHostStatus?.state === 'running' && lastHostStatus.recovered) lastHostStatus = { state: 'running', generation: lastHostStatus.generation };
    for (const file of pendingFiles.splice(0)) openPipelineFile(file);
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
}

function startEngineHost(): void {
  host = new EngineHost({
    // Development runs the TypeScript host through tsx; the packaged app its esbuild bundle
    // (build/bundle-host.ts), since tsx cannot load sources from inside the asar archive.
    entry: app.isPackaged ? path.join(import.meta.dirname, 'host-process.mjs') : path.join(appRoot, 'app', 'host', 'entry.js'),
    args: engineHostArgs(readDesktopSettings(path.join(app.getPath('userData'), 'settings.json'))),
    log: new LogFile(path.join(app.getPath('logs'), 'host.log')),
    onStatus: (status) => {
      lastHostStatus = status;
      const contents = mainWindow?.webContents;
      if (!contents) return;
      // A replacement host: reload the page so it connects to it and offers the autosaved draft
      // (did-finish-load then sends this status, and the preload shows what happened).
      if (status.state === 'running' && status.recovered) contents.reload();
      else contents.send('fluo:host-status' satisfies IpcChannel, status);
    },
  });
  host.start();
}

function sendMenuCommand(command: MenuCommand): void {
  mainWindow?.webContents.send('fluo:menu-command' satisfies IpcChannel, command);
}

function openPipelineFile(file: string): void {
  if (!mainWindow || mainWindow.webContents.isLoading()) {
    pendingFiles.push(file);
    return;
  }
  const window = mainWindow;
  readPipelineFile(file).then(
    (opened) => window.webContents.send('fluo:file-opened' satisfies IpcChannel, opened),
    (error: unknown) => {
      log.write('warn', String(error));
      dialog.showErrorBox('Cannot open pipeline', error instanceof Error ? error.message : String(error));
    },
  );
}

async function importPipelineViaDialog(): Promise<void> {
  if (!mainWindow) return;
  const result = await dialog.showOpenDialog(mainWindow, {
    title: 'Import pipeline JSON',
    properties: ['openFile'],
    filters: PIPELINE_FILE_FILTERS,
  });
  const file = result.filePaths[0];
  if (!result.canceled && file) openPipelineFile(file);
}

/** Every handler checks that the call comes from our own page in our own window. */
function handleTrusted(name: IpcChannel, handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void {
  ipcMain.handle(name, (event, ...args) => {
    const frame = event.senderFrame;
    const trusted = isTrustedIpcSender({
      frameUrl: frame?.url,
      isMainFrame: frame !== null && frame.parent === null,
      isOurWindow: mainWindow !== undefined && event.sender === mainWindow.webContents,
    });
    if (!trusted) {
      log.write('warn', `refused IPC ${name} from ${frame?.url ?? 'a destroyed frame'}`);
      throw new Error(`${name}: sender not allowed`);
    }
    return handler(event, ...args);
  });
}

function installIpcHandlers(): void {
  handleTrusted('fluo:connect-rpc', (event) => {
    if (!host) throw new Error('engine host not started');
    event.sender.postMessage('fluo:rpc-port' satisfies IpcChannel, null, [host.connect()]);
  });
  handleTrusted('fluo:open-pipeline-dialog', async () => {
    if (!mainWindow) return undefined;
    const result = await dialog.showOpenDialog(mainWindow, {
      title: 'Open pipeline JSON',
      properties: ['openFile'],
      filters: PIPELINE_FILE_FILTERS,
    });
    const file = result.filePaths[0];
    return result.canceled || !file ? undefined : readPipelineFile(file);
  });
  handleTrusted('fluo:save-pipeline-dialog', async (_event, suggestedName, text) => {
    if (!mainWindow || typeof text !== 'string') return undefined;
    const name = typeof suggestedName === 'string' && suggestedName.trim() ? suggestedName.trim() : 'pipeline';
    const result = await dialog.showSaveDialog(mainWindow, {
      title: 'Export pipeline JSON',
      defaultPath: path.join(app.getPath('documents'), name.endsWith('.json') ? name : `${name}.fluo.json`),
      filters: PIPELINE_FILE_FILTERS,
    });
    return result.canceled || !result.filePath ? undefined : writePipelineFile(result.filePath, text);
  });
}
