// `npm run dist`: prepares the app and runs electron-builder for the current platform
// (Linux: AppImage + deb, macOS: dmg, Windows: nsis). Extra arguments go to electron-builder,
// e.g. `npm run dist -- --dir` for an unpacked build. Needs the network on first run: the Electron
// runtime, Electron's headers (better-sqlite3 rebuild) and the packagers' tools are downloaded.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { configFile, loadAndValidateConfig, prepareApp, root } from './packaging.ts';

await loadAndValidateConfig();
await prepareApp();
const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
const result = spawnSync(process.execPath, [cli, '--config', configFile, '--publish', 'never', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });

// electron-builder rebuilt better-sqlite3 for Electron inside the project's node_modules; put the
// plain-Node build back so the tests and the CLI keep working.
const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, encoding: 'utf8' });
if (probe.status !== 0) {
  console.log('dist: better-sqlite3 no longer loads in Node (rebuilt for Electron); running npm rebuild better-sqlite3');
  spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
}
process.exitCode = result.status ?? 1;
