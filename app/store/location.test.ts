import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultDatabasePath } from './location.ts';

describe('defaultDatabasePath', () => {
  it('uses FLUO_DB when set', () => {
    expect(defaultDatabasePath({ FLUO_DB: '/data/mine.sqlite', XDG_CONFIG_HOME: '/x' }, 'linux', '/home/ann')).toBe('/data/mine.sqlite');
  });

  it('ignores an empty FLUO_DB', () => {
    expect(defaultDatabasePath({ FLUO_DB: '  ' }, 'linux', '/home/ann')).toBe('/home/ann/.config/Fluo/fluo.sqlite');
  });

  it('uses XDG_CONFIG_HOME on Linux when it is absolute, else ~/.config', () => {
    expect(defaultDatabasePath({ XDG_CONFIG_HOME: '/home/ann/cfg' }, 'linux', '/home/ann')).toBe('/home/ann/cfg/Fluo/fluo.sqlite');
    expect(defaultDatabasePath({ XDG_CONFIG_HOME: 'relative/cfg' }, 'linux', '/home/ann')).toBe('/home/ann/.config/Fluo/fluo.sqlite');
    expect(defaultDatabasePath({}, 'freebsd', '/home/ann')).toBe('/home/ann/.config/Fluo/fluo.sqlite');
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDatabasePath({ XDG_CONFIG_HOME: '/ignored' }, 'darwin', '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/Fluo/fluo.sqlite',
    );
  });

  it('uses %APPDATA% on Windows, falling back to the roaming folder under home', () => {
    expect(defaultDatabasePath({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Fluo\\fluo.sqlite',
    );
    expect(defaultDatabasePath({}, 'win32', 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Fluo\\fluo.sqlite');
  });

  it('defaults to this process environment, platform and home', () => {
    expect(defaultDatabasePath()).toBe(defaultDatabasePath(process.env, process.platform, homedir()));
  });
});
