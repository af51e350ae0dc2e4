/**
 * Runs the real `fluo serve` (and `fluo export`) as child processes on a throwaway database,
 * and Debian's Chromium through playwright-core, for the studio's browser tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../webrtc/browser-peer.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FLUO = join(ROOT, 'bin', 'fluo.js');
export const ARTIFACTS = join(ROOT, 'e2e', 'studio', 'artifacts');

export interface Served {
  url: string;
  origin: string;
  token: string;
  db: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `fluo serve --no-open --no-kurento` on a fresh database and waits for the URL it prints. */
export async function startServe(): Promise<Served> {
  const folder = mkdtempSync(join(tmpdir(), 'fluo-e2e-'));
  const db = join(folder, 'fluo.sqlite');
  const child: ChildProcess = spawn(process.execPath, [FLUO, 'serve', '--no-open', '--no-kurento', '--db', db], {
    cwd: ROOT,
    env: { ...process.env, FLUO_DB: db },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolvePromise, reject) => {
    const check = () => {
      const match = /Fluo editor: (http:\/\/\S+)/.exec(output);
      if (match) resolvePromise(match[1]!);
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`fluo serve exited with ${code} before printing its URL:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    db,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** `fluo <args> --db <db>`: its standard output, or a thrown error with its standard error. */
export function fluo(db: string, ...args: string[]): string {
  const result = spawnSync(process.execPath, [FLUO, ...args, '--db', db], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`fluo ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/** Drags a wire from one handle to another the way a person does (pointer down, move, up). */
export async function wire(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await settledBox(from);
  const b = await settledBox(to);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 15 });
  await page.mouse.up();
}

/** A handle's box once it has stopped moving (nodes are measured, views animate). */
async function settledBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  await locator.waitFor();
  let previous = await locator.boundingBox();
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const current = await locator.boundingBox();
    if (current && previous && current.x === previous.x && current.y === previous.y) return current;
    previous = current;
  }
  throw new Error('the handle never stopped moving');
}
