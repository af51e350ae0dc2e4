import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from './desktop-api.ts';
import { applicationMenuTemplate } from './menu-template.ts';

function build(platform: NodeJS.Platform, developer = false) {
  const sent: MenuCommand[] = [];
  const calls: string[] = [];
  const template = applicationMenuTemplate(
    {
      send: (command) => sent.push(command),
      importPipeline: () => calls.push('import'),
      openLogsFolder: () => calls.push('logs'),
      showAbout: () => calls.push('about'),
    },
    { platform, appName: 'Fluo', developer },
  );
  const items = template.flatMap((menu) => (menu.submenu as MenuItemConstructorOptions[]).map((item) => ({ menu: menu.label, item })));
  const click = (label: string): void => {
    const found = items.find(({ item }) => item.label === label)?.item;
    if (!found?.click) throw new Error(`no clickable menu item '${label}'`);
    (found.click as () => void)();
  };
  return { template, items, sent, calls, click };
}

describe('application menu', () => {
  it('has File, Edit, View, Run and Help with the editor commands', () => {
    const { template, sent, calls, click } = build('linux');
    expect(template.map((menu) => menu.label)).toEqual(['&File', '&Edit', '&View', '&Run', '&Help']);
    for (const label of ['New Graph', 'Open Graph…', 'Save', 'Export Pipeline JSON…', 'Undo', 'Redo', 'Duplicate', 'Run / Stop Pipeline']) click(label);
    expect(sent).toEqual(['file.new', 'file.open', 'file.save', 'file.export', 'edit.undo', 'edit.redo', 'edit.duplicate', 'run.toggle']);
    for (const label of ['Import Pipeline JSON…', 'About Fluo', 'Open Logs Folder']) click(label);
    expect(calls).toEqual(['import', 'about', 'logs']);
  });

  it('uses clipboard roles so text fields and the graph both get copy and paste', () => {
    const roles = build('win32').items.map(({ item }) => item.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']));
  });

  it('uses the editor shortcuts and no bare-letter accelerators', () => {
    const accelerator = (label: string) => build('linux').items.find(({ item }) => item.label === label)?.item.accelerator;
    expect(accelerator('Save')).toBe('CmdOrCtrl+S');
    expect(accelerator('Import Pipeline JSON…')).toBe('CmdOrCtrl+O');
    expect(accelerator('Export Pipeline JSON…')).toBe('CmdOrCtrl+E');
    expect(accelerator('Run / Stop Pipeline')).toBe('CmdOrCtrl+Enter');
    for (const { item } of build('linux').items) {
      if (typeof item.accelerator === 'string') expect(item.accelerator, String(item.label)).toMatch(/^(CmdOrCtrl|Ctrl|Cmd|Shift)\+/);
    }
  });

  it('never gives two items the same shortcut', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const accelerators = build(platform, true).items.map(({ item }) => item.accelerator).filter(Boolean);
      expect(new Set(accelerators).size, platform).toBe(accelerators.length);
    }
  });

  it('puts About in the app menu on macOS and DevTools only in development', () => {
    expect(build('darwin').template[0]?.label).toBe('Fluo');
    expect(build('linux').items.some(({ item }) => item.role === 'toggleDevTools')).toBe(false);
    expect(build('linux', true).items.some(({ item }) => item.role === 'toggleDevTools')).toBe(true);
  });
});
