import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './desktop-api.ts';

export interface MenuActions {
  /** Forwards a command to the editor page (it runs it exactly as its own shortcut). */
  send(command: MenuCommand): void;
  /** File > Import: native open dialog, then the file goes to the page. */
  importPipeline(): void;
  openLogsFolder(): void;
  showAbout(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Development builds get Reload and DevTools in the View menu. */
  developer: boolean;
}

/**
 * The application menu. Cut/copy/paste/select-all use Electron roles: they fire the DOM clipboard
 * events, which text fields handle natively and the editor handles for nodes. Undo/redo go to the
 * page, which applies them to the focused text field or to the graph history. An editor that
 * handles a shortcut's keydown itself calls preventDefault, so the accelerator does not fire twice.
 */
export function applicationMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const command = (label: string, menuCommand: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.send(menuCommand),
  });

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: options.appName,
          submenu: [
            { label: `About ${options.appName}`, click: () => actions.showAbout() },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  // Accelerators are the editor's own shortcuts (renderer/src/app.tsx); single-key shortcuts (F, L, ?)
  // appear in the labels only, since a menu accelerator on a bare letter would fire while typing.
  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('New Graph', 'file.new'),
      command('Open Graph…', 'file.open'),
      command('Save', 'file.save', 'CmdOrCtrl+S'),
      { type: 'separator' },
      { label: 'Import Pipeline JSON…', accelerator: 'CmdOrCtrl+O', click: () => actions.importPipeline() },
      command('Export Pipeline JSON…', 'file.export', 'CmdOrCtrl+E'),
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      command('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
      command('Redo', 'edit.redo', mac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      command('Duplicate', 'edit.duplicate', 'CmdOrCtrl+D'),
      command('Delete', 'edit.delete'),
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command('Fit Graph to Window    F', 'view.fitView'),
      command('Auto Layout    L', 'view.autoLayout'),
      command('Toggle Event Log', 'view.toggleEventLog'),
      command('Toggle Light/Dark', 'view.toggleTheme'),
      { type: 'separator' },
      { role: 'resetZoom', label: 'Actual Size' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'togglefullscreen' },
      ...(options.developer
        ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])
        : []),
    ],
  };

  const runMenu: MenuItemConstructorOptions = {
    label: '&Run',
    submenu: [command('Run / Stop Pipeline', 'run.toggle', 'CmdOrCtrl+Enter')],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      command('Keyboard Shortcuts    ?', 'help.shortcuts'),
      { type: 'separator' },
      ...(mac ? [] : [{ label: `About ${options.appName}`, click: () => actions.showAbout() }]),
      { label: 'Open Logs Folder', click: () => actions.openLogsFolder() },
    ],
  };

  return [...appMenu, fileMenu, editMenu, viewMenu, runMenu, helpMenu];
}
