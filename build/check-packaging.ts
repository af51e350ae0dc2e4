// Runs the packaging as far as a machine without internet can, and says exactly where it stops.
//   1. electron-builder loads build/electron-builder.yml and validates it against its own schema.
//   2. The app is prepared as `npm run dist` does: main/dist (tsc), the host bundle, renderer/dist.
//   3. electron-builder packs a Linux `--dir` build with a STAND-IN for the Electron runtime (a shell
//      script named `electron`): files, asar, asarUnpack, extraResources and the executable name are
//      the real configuration's; only the runtime binary, the better-sqlite3 rebuild for Electron's
//      ABI and the fuses (which patch the real binary) are left out. The result is then inspected.
//   4. With --try-download, the real packaging step is attempted too, to show the download failing.
// Usage: npm run dist:check [-- --try-download]   (tsx build/check-packaging.ts)
import asar from '@electron/asar';
import electronBuilder from 'electron-builder';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAndValidateConfig, prepareApp, root } from './packaging.ts';

const { Arch, Platform, build } = electronBuilder;

function describeFew(paths: string[]): string {
  return paths.length === 0 ? '' : ` (found ${paths.length}: ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', ...' : ''})`;
}

function targetsOf(platform: { target?: unknown } | null | undefined): string {
  const targets = platform?.target;
  return Array.isArray(targets) ? targets.map((t) => (typeof t === 'string' ? t : (t as { target: string }).target)).join('+') : String(targets);
}
const say = (line: string): void => console.log(`check-packaging: ${line}`);

const config = await loadAndValidateConfig();
say(`1/4 configuration valid (electron-builder's schema): appId ${config.appId}, productName ${config.productName}, ` +
  `targets linux ${targetsOf(config.linux)}, mac ${targetsOf(config.mac)}, win ${targetsOf(config.win)}`);

await prepareApp((line) => say(`2/4 ${line}`), { allowMissingEditor: true });

let failed = false;
const work = mkdtempSync(path.join(tmpdir(), 'fluo-pack-'));
try {
  const standIn = path.join(work, 'electron-stand-in');
  mkdirSync(standIn);
  writeFileSync(path.join(standIn, 'electron'), '#!/bin/sh\necho "stand-in for the Electron runtime, which could not be downloaded"\nexit 3\n');
  chmodSync(path.join(standIn, 'electron'), 0o755);
  const output = path.join(work, 'release');
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: { ...config, electronDist: standIn, npmRebuild: false, electronFuses: null, directories: { ...config.directories, output } },
  });
  const appDir = path.join(output, 'linux-unpacked');
  const archive = path.join(appDir, 'resources', 'app.asar');
  const inside = new Set(asar.listPackage(archive, { isPack: false }).map((entry) => entry.replaceAll('\\', '/')));
  const unpackedRoot = path.join(appDir, 'resources', 'app.asar.unpacked');
  const unpacked = existsSync(unpackedRoot) ? readdirSync(unpackedRoot, { recursive: true, encoding: 'utf8' }).map((p) => p.replaceAll('\\', '/')) : [];
  const workerBundles = readdirSync(path.join(root, 'main', 'dist')).filter((name) => name.endsWith('.mjs') && name !== 'host-process.mjs');
  const unpackedAssets = unpacked.filter((p) => p.startsWith('assets/') && /\.[a-z0-9]+$/i.test(p));
  const tsShipped = [...inside].filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts') && !p.startsWith('/node_modules/'));
  const checks: [string, boolean][] = [
    ['executable named fluo', existsSync(path.join(appDir, 'fluo'))],
    ['main process in the asar', inside.has('/main/dist/main.js') && inside.has('/main/dist/preload.cjs')],
    ['engine host bundle in the asar', inside.has('/main/dist/host-process.mjs')],
    [`worker bundles in the asar (${workerBundles.join(', ') || 'none'})`, workerBundles.every((name) => inside.has(`/main/dist/${name}`))],
    ['built editor in the asar', inside.has('/renderer/dist/index.html')],
    [`no TypeScript sources or tests shipped${describeFew(tsShipped)}`, tsShipped.length === 0],
    ['no tsx/esbuild/react in node_modules', !['/node_modules/tsx', '/node_modules/esbuild', '/node_modules/react'].some((p) => inside.has(p))],
    ['better-sqlite3 native module unpacked', unpacked.some((p) => p.startsWith('node_modules/better-sqlite3/') && p.endsWith('.node'))],
    ['node-av native module unpacked', unpacked.some((p) => p.startsWith('node_modules/@seydx/node-av-') && p.endsWith('.node'))],
    ['window icon beside the asar', existsSync(path.join(appDir, 'resources', 'icon.png'))],
    [`assets unpacked (${unpackedAssets.length} files, e.g. ${unpackedAssets[0] ?? 'none'})`, unpackedAssets.length > 0 || !existsSync(path.join(root, 'assets'))],
  ];
  for (const [label, ok] of checks) say(`3/4 ${ok ? 'ok  ' : 'FAIL'} ${label}`);
  say(`3/4 stand-in pack: ${inside.size} entries in app.asar, ${unpacked.filter((p) => p.endsWith('.node')).length} native modules unpacked`);
  failed = checks.some(([, ok]) => !ok);

  if (process.argv.includes('--try-download')) {
    try {
      await build({
        projectDir: root,
        targets: Platform.LINUX.createTarget('dir', Arch.x64),
        publish: 'never',
        config: { ...config, npmRebuild: false, directories: { ...config.directories, output: path.join(work, 'real') } },
      });
      say('4/4 the real Electron runtime was available: packaging ran to the end');
    } catch (error) {
      say(`4/4 the real packaging step stops here: ${(error as Error).message.split('\n')[0]}`);
    }
  } else {
    say('4/4 not attempted: the Electron runtime download (run with --try-download to see it fail offline)');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
// Explicit: a library loaded above resets process.exitCode on its way out.
process.exit(failed ? 1 : 0);
