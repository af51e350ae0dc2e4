// `npm start` where the Electron runtime cannot be obtained: one line saying so, then the same
// studio served by `fluo serve`. The download is made to fail the same way on every machine
// (a dead mirror, an empty runtime folder and cache), so this never launches a real Electron.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'fluo-start-'));
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe('npm start without an Electron runtime', () => {
  it('says so in one line and serves the studio instead', async () => {
    child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js'), '--no-open', '--no-kurento'], {
      cwd: root,
      env: {
        ...process.env,
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        ELECTRON_OVERRIDE_DIST_PATH: path.join(scratch, 'no-electron'),
        electron_config_cache: path.join(scratch, 'electron-cache'),
        FLUO_DB: path.join(scratch, 'fluo.sqlite'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child?.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /Fluo editor: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(stdout);
        if (found?.[1]) resolve(found[1]);
      });
      child?.once('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${stdout}\n${stderr}`)));
    });
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(
      /^npm start: cannot open the desktop app: the Electron runtime could not be downloaded \(.+\)\. Serving the same studio in your browser instead \(fluo serve\)\.$/,
    );
    expect(lines.filter((line) => line.startsWith('npm start:'))).toHaveLength(1);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Fluo Studio</title>');
  }, 180_000);
});
