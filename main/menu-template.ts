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

  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('New Graph', 'file.new', 'CmdOrCtrl+N'),
      command('Open Graph…', 'file.open', 'CmdOrCtrl+O'),
      command('Save', 'file.save', 'CmdOrCtrl+S'),
      { type: 'separator' },
      { label: 'Import Pipeline JSON…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.importPipeline() },
      command('Export Pipeline JSON…', 'file.export', 'CmdOrCtrl+Shift+E'),
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
      command('Delete', 'edit.delete'),
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command('Fit Graph to Window', 'view.fitView', 'Shift+1'),
      command('Zoom Graph In', 'view.zoomIn', 'CmdOrCtrl+='),
      command('Zoom Graph Out', 'view.zoomOut', 'CmdOrCtrl+-'),
      { type: 'separator' },
      command('Toggle Event Log', 'view.toggleEventLog', 'CmdOrCtrl+L'),
      command('Toggle Light/Dark', 'view.toggleTheme'),
      { type: 'separator' },
      { role: 'resetZoom', label: 'Actual Size' },
      { role: 'togglefullscreen' },
      ...(options.developer
        ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])
        : []),
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      ...(mac ? [] : [{ label: `About ${options.appName}`, click: () => actions.showAbout() }]),
      { label: 'Open Logs Folder', click: () => actions.openLogsFolder() },
    ],
  };

  return [...appMenu, fileMenu, editMenu, viewMenu, helpMenu];
}
