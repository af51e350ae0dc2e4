/**
 * `fluo run`: a TestPatternEndpoint → RecorderEndpoint document run headless, in-process with
 * --duration and spawned and interrupted with SIGINT; the recorded files are decoded back.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBack } from '../../../engine/media/read-back.ts';
import { main } from '../main.ts';

let dir: string;

function recorderDocument(path: string): string {
  return JSON.stringify({
    format: 'fluo.pipeline',
    version: 1,
    metadata: { name: 'Pattern recorder' },
    elements: [
      { id: 'pattern', type: 'TestPatternEndpoint', params: { width: 320, height: 240, framerate: 30 } },
      { id: 'rec', type: 'RecorderEndpoint', params: { uri: `file://${path}`, mediaProfile: 'WEBM' } },
    ],
    connections: [{ from: 'pattern', to: 'rec' }],
  });
}

async function fluo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: process.env, cwd: dir, readStdin: () => '' };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** The file decodes: VP8 video and Opus audio with frames in them. */
async function expectPlayable(path: string): Promise<void> {
  const file = await readBack(path);
  expect(file.format).toContain('webm');
  expect(file.tracks.VIDEO).toMatchObject({ codec: 'VP8', width: 320, height: 240 });
  expect(file.tracks.VIDEO!.frames).toBeGreaterThan(5);
  expect(file.tracks.AUDIO?.codec).toBe('OPUS');
  expect(file.tracks.AUDIO!.frames).toBeGreaterThan(5);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fluo-run-'));
  writeFileSync(join(dir, 'timed.json'), recorderDocument(join(dir, 'timed.webm')));
  writeFileSync(join(dir, 'json.json'), recorderDocument(join(dir, 'json.webm')));
  writeFileSync(join(dir, 'interrupted.json'), recorderDocument(join(dir, 'interrupted.webm')));
  writeFileSync(join(dir, 'unwritable.json'), recorderDocument(join(dir, 'no-such-folder', 'x.webm')));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fluo run', () => {
  it('records for --duration seconds, prints timestamped events, and the file decodes', async () => {
    const run = await fluo(['run', 'timed.json', '--duration', '2']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {2}\S+ {2}\S/);
    const what = lines.map((l) => l.split(/\s{2}/).slice(1, 3).join(' '));
    expect(what[0]).toBe('run starting');
    expect(what).toContain('rec Recording');
    expect(what).toContain('pattern MediaFlowOutStateChanged');
    expect(what.indexOf('rec Stopped')).toBeLessThan(what.indexOf('run stopped'));
    expect(what.at(-1)).toBe('run stopped');
    await expectPlayable(join(dir, 'timed.webm'));
  }, 60_000);

  it('prints JSON lines with --json', async () => {
    const run = await fluo(['run', 'json.json', '--duration', '1', '--json']);
    expect(run.code).toBe(0);
    const events = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { kind: string; time: string; element?: string; type?: string });
    expect(events[0]).toMatchObject({ kind: 'run-state', state: 'starting' });
    expect(events).toContainEqual(expect.objectContaining({ kind: 'media-event', element: 'rec', type: 'Stopped' }));
    expect(events.at(-1)).toMatchObject({ kind: 'run-state', state: 'stopped' });
  }, 60_000);

  it('stops on SIGINT with the recording finished', async () => {
    const bin = fileURLToPath(new URL('../../../bin/fluo.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'run', 'interrupted.json'], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d) => {
        stdout += String(d);
        if (stdout.includes('  rec  Recording')) resolve();
      }),
    );
    // Let a second of media reach the file before interrupting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toBe('SIGINT: stopping\n');
    expect(stdout).toMatch(/ {2}rec {2}Stopped\n/);
    await expectPlayable(join(dir, 'interrupted.webm'));
  }, 60_000);

  it('exits 1 when an element fails, naming it', async () => {
    const run = await fluo(['run', 'unwritable.json', '--duration', '0.5']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ {2}rec {2}Error {2}/);
    expect(run.stderr).toBe('fluo run: rec reported an error (see above)\n');
  }, 60_000);

  it('exits 1 when the engine cannot build the pipeline', async () => {
    writeFileSync(join(dir, 'flv.json'), recorderDocument(join(dir, 'x.flv')).replace('"WEBM"', '"FLV"'));
    expect(await fluo(['run', 'flv.json', '--duration', '0.5'])).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^fluo run: cannot start "Pattern recorder": .*FLV is not supported/) as unknown,
    });
  });

  it('exits 1 on an invalid document and 2 on usage errors', async () => {
    writeFileSync(join(dir, 'invalid.json'), '{"format": "fluo.pipeline", "version": 1, "metadata": {"name": "x"}, "elements": [{"id": "a", "type": "Nope"}], "connections": []}');
    const invalid = await fluo(['run', 'invalid.json']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^\/elements\/0\/type \(1:\d+\): Unknown element type 'Nope'/);
    expect(await fluo(['run'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^fluo run: missing FILE/) as unknown });
    expect(await fluo(['run', 'timed.json', '--duration', 'forever'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^fluo run: --duration must be a number of seconds above 0, got 'forever'/) as unknown });
  });
});
