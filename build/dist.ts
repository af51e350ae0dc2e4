// `npm run dist`: prepares the app and runs electron-builder for the current platform
// (Linux: AppImage + deb, macOS: dmg, Windows: nsis). Extra arguments go to electron-builder,
// e.g. `npm run dist -- --dir` for an unpacked build. Needs the network on first run: the Electron
// runtime, Electron's headers (better-sqlite3 rebuild) and the packagers' tools are downloaded.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { configFile, loadAndValidateConfig, prepareApp, root } from './packaging.ts';

/** electron-builder downloads the Electron runtime from GitHub (and headers, packager tools) on first use. */
async function githubReachable(): Promise<boolean> {
  try {
    await fetch('https://github.com/electron/electron/releases', { method: 'HEAD', signal: AbortSignal.timeout(8000) });
    return true;
  } catch {
    return false;
  }
}

await loadAndValidateConfig();
// Offline, electron-builder would fail at the download, and its better-sqlite3 rebuild may first
// clean the module's build in node_modules: stop before touching anything.
if (!process.argv.includes('--offline-ok') && !(await githubReachable())) {
  console.error('dist: github.com is not reachable; packaging needs it (Electron runtime, headers, packager tools). `npm run dist:check` runs everything that works offline.');
  process.exit(1);
}
await prepareApp();
const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
const result = spawnSync(process.execPath, [cli, '--config', configFile, '--publish', 'never', ...process.argv.slice(2).filter((arg) => arg !== '--offline-ok')], { cwd: root, stdio: 'inherit' });

// electron-builder rebuilt better-sqlite3 for Electron inside the project's node_modules; put the
// plain-Node build back so the tests and the CLI keep working.
const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, encoding: 'utf8' });
if (probe.status !== 0) {
  console.log('dist: better-sqlite3 no longer loads in Node (rebuilt for Electron); running npm rebuild better-sqlite3');
  spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
}
process.exitCode = result.status ?? 1;
