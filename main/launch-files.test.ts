import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDesktopSettings, engineHostArgs } from './desktop-settings.ts';
import { pipelineFileFromArgv } from './pipeline-file-args.ts';
import { MAX_PIPELINE_FILE_BYTES, readPipelineFile, writePipelineFile } from './pipeline-file-io.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fluo-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pipeline files from the command line', () => {
  it('takes the first .fluo.json argument, absolute against the launching directory', () => {
    expect(pipelineFileFromArgv(['--inspect', 'main/dist/main.js', 'demo.FLUO.json', 'b.fluo.json'], '/home/me')).toBe(
      path.resolve('/home/me', 'demo.FLUO.json'),
    );
    expect(pipelineFileFromArgv(['/abs/x.fluo.json'], '/elsewhere')).toBe(path.resolve('/abs/x.fluo.json'));
    expect(pipelineFileFromArgv(['--flag=a.fluo.json', 'notes.json'], '/home/me')).toBeUndefined();
  });

  it('reads a chosen file for the page and refuses directories and oversized files', async () => {
    const file = path.join(dir, 'demo.fluo.json');
    writeFileSync(file, '{"format":"fluo.pipeline"}');
    expect(await readPipelineFile(file)).toEqual({ path: file, name: 'demo.fluo.json', text: '{"format":"fluo.pipeline"}' });
    await expect(readPipelineFile(dir)).rejects.toThrow(/not a file/);
    await expect(readPipelineFile(path.join(dir, 'missing.fluo.json'))).rejects.toThrow(/ENOENT/);
    const big = path.join(dir, 'big.fluo.json');
    writeFileSync(big, Buffer.alloc(MAX_PIPELINE_FILE_BYTES + 1, 32));
    await expect(readPipelineFile(big)).rejects.toThrow(/larger than a pipeline file/);
  });

  it('exports with the .fluo.json suffix when none was typed', async () => {
    const written = await writePipelineFile(path.join(dir, 'mine'), '{}');
    expect(written).toBe(path.join(dir, 'mine.fluo.json'));
    expect(await readPipelineFile(written)).toMatchObject({ text: '{}' });
  });
});

describe('desktop settings', () => {
  it('keeps the Kurento server off unless enabled, and on loopback only', () => {
    expect(engineHostArgs(parseDesktopSettings(undefined))).toEqual([]);
    expect(engineHostArgs(parseDesktopSettings({ kurentoServer: { enabled: true } }))).toEqual(['--kurento-listen=127.0.0.1:8888']);
    expect(engineHostArgs(parseDesktopSettings({ kurentoServer: { enabled: true, port: 9999, host: '0.0.0.0' } }))).toEqual([
      '--kurento-listen=127.0.0.1:9999',
    ]);
    expect(parseDesktopSettings({ kurentoServer: { enabled: 'yes', port: 70000 } })).toEqual({ kurentoServer: { enabled: false, port: 8888 } });
  });
});
