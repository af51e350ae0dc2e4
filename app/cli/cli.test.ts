/**
 * The `fluo` command against a temporary database: the main paths spawned as a user runs them
 * (`node bin/fluo.js`), the finer cases through the same main() in-process (spawning costs ~1 s each).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeDocument } from '../document/serialize.ts';
import { builtinTemplates } from '../templates/index.ts';
import { main } from './main.ts';

const bin = fileURLToPath(new URL('../../bin/fluo.js', import.meta.url));
let dir: string;
let db: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function fluo(args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, FLUO_DB: db } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(stdin);
  });
}

/** main() itself, with its output captured instead of written to this process's stdout/stderr. */
async function fluoInProcess(args: string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: { ...process.env, FLUO_DB: db }, cwd: dir, readStdin: () => stdin };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const magicMirror = builtinTemplates().find((t) => t.name === 'Magic Mirror')!.document;
const badDocument = [
  '{',
  '  "format": "fluo.pipeline",',
  '  "version": 1,',
  '  "metadata": {"name": "Broken"},',
  '  "elements": [',
  '    {"id": "cam", "type": "CameraEndpoint"},',
  '    {"id": "mirror", "type": "FaceOverlayFiltr"}',
  '  ],',
  '  "connections": [',
  '    {"from": "webrtc", "to": "cam"}',
  '  ]',
  '}',
  '',
].join('\n');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fluo-cli-'));
  db = join(dir, 'graphs.sqlite');
  // Deliberately not canonical (one line, keys in another order): export must canonicalize.
  writeFileSync(join(dir, 'good.json'), JSON.stringify({ ...magicMirror, metadata: { name: 'My mirror' } }));
  writeFileSync(join(dir, 'bad.json'), badDocument);
  writeFileSync(join(dir, 'malformed.json'), '{\n  "format": "fluo.pipeline",\n  "elements": [,]\n}\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fluo validate', () => {
  it('accepts a good file: exit 0, a summary on stdout, nothing on stderr', async () => {
    expect(await fluo(['validate', 'good.json'])).toEqual({ code: 0, stdout: 'good.json: valid pipeline document "My mirror" (2 elements, 2 connections)\n', stderr: '' });
  });

  it('lists every problem of a bad file on stderr with path and line:column, exit 1', async () => {
    expect(await fluo(['validate', 'bad.json'])).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        "/elements/1/type (7:22): Unknown element type 'FaceOverlayFiltr' (did you mean 'FaceOverlayFilter'?)",
        "/connections/0/from (10:6): 'from' names no element of this document: 'webrtc'",
        "/connections/0/to (10:24): 'cam' (CameraEndpoint) only produces media: nothing can be connected into it",
        'bad.json: not a valid pipeline document (3 problems)',
        '',
      ].join('\n'),
    });
  });

  it('points at malformed JSON', async () => {
    const run = await fluoInProcess(['validate', 'malformed.json']);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe("/elements/0 (3:16): Unexpected ',' at line 3, column 16: expected a value");
  });

  it('reads standard input for -', async () => {
    expect(await fluoInProcess(['validate', '-'], readFileSync(join(dir, 'good.json'), 'utf8'))).toMatchObject({ code: 0, stdout: 'standard input: valid pipeline document "My mirror" (2 elements, 2 connections)\n' });
  });

  it('fails with exit 1 on a missing file', async () => {
    expect(await fluoInProcess(['validate', 'nothing-here.json'])).toEqual({ code: 1, stdout: '', stderr: 'fluo validate: cannot read nothing-here.json: no such file or folder\n' });
  });
});

describe('fluo import / export / list', () => {
  it('imports nothing from an invalid file', async () => {
    const run = await fluoInProcess(['import', 'bad.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Nothing was imported.\n');
    expect((await fluoInProcess(['list', '--json'])).stdout).toBe('[]\n');
  });

  it('imports a file and exports it back byte-equal to the canonical serialization', async () => {
    const imported = await fluo(['import', 'good.json']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Imported "My mirror" as graph [0-9a-f-]{36} \(revision 1\)\n$/);
    const canonical = serializeDocument(JSON.parse(readFileSync(join(dir, 'good.json'), 'utf8')));
    expect(await fluo(['export', 'My mirror'])).toEqual({ code: 0, stdout: canonical, stderr: '' });
    const toFile = await fluo(['export', 'My mirror', '--revision', '1', '-o', 'out.json']);
    expect(toFile).toEqual({ code: 0, stdout: '', stderr: 'Wrote "My mirror" revision 1 to out.json\n' });
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(canonical);
  });

  it('refuses a second graph of the same name, and --name picks another', async () => {
    const again = await fluoInProcess(['import', 'good.json']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/choose another name with --name\n$/);
    expect((await fluoInProcess(['import', 'good.json', '--name', 'Second mirror'])).code).toBe(0);
    const list = await fluoInProcess(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n').map((l) => l.split(/\s{2,}/)[0])).toEqual(['NAME', 'My mirror', 'Second mirror', '']);
    expect(JSON.parse((await fluoInProcess(['export', 'Second mirror'])).stdout).metadata.name).toBe('Second mirror');
  });

  it('fails with exit 1 for an unknown graph or revision', async () => {
    expect((await fluoInProcess(['export', 'Nope'])).code).toBe(1);
    const run = await fluoInProcess(['export', 'My mirror', '--revision', '9']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^fluo export: /);
  });

  it('uses --db over FLUO_DB', async () => {
    const other = join(dir, 'other.sqlite');
    expect((await fluoInProcess(['list', '--json', '--db', other])).stdout).toBe('[]\n');
  });
});

describe('fluo templates', () => {
  it('lists the seeded templates and prints one as a canonical document', async () => {
    const list = await fluo(['templates', '--json']);
    expect(JSON.parse(list.stdout)).toEqual(builtinTemplates().map(({ name, description }) => ({ name, description })));
    const one = await fluo(['templates', 'Hello World loopback']);
    expect(one).toEqual({ code: 0, stdout: serializeDocument(builtinTemplates()[0]!.document), stderr: '' });
  });
});

describe('usage', () => {
  it('prints help for fluo and for each command with exit 0', async () => {
    const main = await fluo(['--help']);
    expect(main.code).toBe(0);
    for (const name of ['validate', 'import', 'export', 'list', 'templates']) expect(main.stdout).toContain(`  ${name} `);
    const exportHelp = await fluoInProcess(['export', '--help']);
    expect(exportHelp.code).toBe(0);
    expect(exportHelp.stdout).toContain('Usage: fluo export NAME|ID [--revision N] [-o FILE]');
    expect(exportHelp.stdout).toContain('-o, --output FILE');
  });

  it('exits 2 on usage errors, explaining on stderr', async () => {
    expect(await fluo([])).toMatchObject({ code: 2, stdout: '' });
    expect(await fluo(['valdate', 'x'])).toEqual({ code: 2, stdout: '', stderr: "fluo: unknown command 'valdate' (did you mean 'validate'?)\nUsage: fluo COMMAND [options]\nMore: fluo --help\n" });
    expect(await fluoInProcess(['validate'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^fluo validate: missing FILE\n/) as unknown });
    expect(await fluoInProcess(['import', 'good.json', '--nmae', 'x'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^fluo import: Unknown option '--nmae'/) as unknown });
    expect(await fluoInProcess(['export', 'My mirror', '--revision', 'latest'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^fluo export: --revision must be a revision number/) as unknown });
  });
});
