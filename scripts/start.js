#!/usr/bin/env node
// `npm start`: builds the desktop app and opens it in Electron. Where the Electron runtime cannot be
// obtained (it is downloaded on first launch, which fails without internet) or cannot show a window
// (no display), it says so in one line and runs `fluo serve` instead: the same studio in a browser.
// Arguments after `npm start --` go to Electron, or to `fluo serve` in the fallback (e.g. --no-open).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const electronPackage = path.join(root, 'node_modules', 'electron');

/** The Electron executable when it is on disk (ELECTRON_OVERRIDE_DIST_PATH or node_modules/electron/dist). */
function installedElectron() {
  const pathFile = path.join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronPackage, 'dist');
  const executable = path.join(distDir, relative);
  return existsSync(executable) ? executable : undefined;
}

/** Tries electron's own installer (it downloads the runtime); returns the executable or the reason it failed. */
function obtainElectron() {
  const found = installedElectron();
  if (found) return { executable: found };
  if (!existsSync(path.join(electronPackage, 'install.js'))) return { reason: 'the electron package is not installed (npm install)' };
  const result = spawnSync(process.execPath, [path.join(electronPackage, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  const executable = installedElectron();
  if (executable) return { executable };
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  const firstError = output.split('\n').find((line) => /error|failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/i.test(line))?.trim();
  const reason = result.error?.message ?? firstError ?? `its installer exited with code ${result.status}`;
  return { reason: `the Electron runtime could not be downloaded (${reason})` };
}

/** Electron on Linux needs an X11 or Wayland display to open a window. */
function displayProblem() {
  if (process.platform !== 'linux') return undefined;
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return undefined;
  return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    console.error(`npm start: cannot run ${command}: ${error.message}`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    process.exitCode = code ?? (signal ? 0 : 1);
  });
}

/** Builds what the desktop app loads: main/dist (tsc) and renderer/dist (the editor's vite build). */
async function buildDesktop() {
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'main/tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) throw new Error('main/ did not compile (tsc -p main/tsconfig.build.json)');
  const { register } = await import('tsx/esm/api');
  register();
  const { ensureRendererBuilt } = await import('../app/studio/renderer-build.ts');
  await ensureRendererBuilt({ log: (line) => process.stderr.write(line) });
}

/**
 * Whether this checkout's `fluo` has the serve command (asks fluo itself: `fluo help serve`). Only
 * fluo's own "unknown command" counts as missing; any other failure is left to `fluo serve` to show.
 */
function serveAvailable() {
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'fluo.js'), 'help', 'serve'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return !(result.status === 2 && /unknown command 'serve'/.test(result.stderr ?? ''));
}

function serveInstead(why) {
  if (!serveAvailable()) {
    console.error(`npm start: cannot open the desktop app: ${why}; and \`fluo serve\` is not available in this checkout yet (\`fluo help serve\` does not know it).`);
    process.exitCode = 1;
    return;
  }
  console.log(`npm start: cannot open the desktop app: ${why}. Serving the same studio in your browser instead (fluo serve).`);
  run(process.execPath, [path.join(root, 'bin', 'fluo.js'), 'serve', ...args]);
}

const electron = obtainElectron();
const noDisplay = electron.executable ? displayProblem() : undefined;
if (!electron.executable) {
  serveInstead(electron.reason);
} else if (noDisplay) {
  serveInstead(`Electron is installed but ${noDisplay}`);
} else {
  try {
    await buildDesktop();
    run(electron.executable, ['.', ...args]);
  } catch (error) {
    console.error(`npm start: ${error.message}`);
    process.exitCode = 1;
  }
}
