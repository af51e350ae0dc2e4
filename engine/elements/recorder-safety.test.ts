import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import './index.ts';
import { MediaPipeline } from '../model/media-pipeline.ts';
import type { MediaElement } from '../model/media-element.ts';
import type { RecorderEndpoint } from './recorder-endpoint.ts';
import { activeResourceCounts, nextEvent, resourcesLeftAbove, sleep } from './test-support.ts';

describe('RecorderEndpoint paths', () => {
  let dir: string;
  let pipeline: MediaPipeline;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fluo-recpath-'));
    pipeline = new MediaPipeline();
  });
  afterAll(async () => {
    pipeline.release();
    await chmod(join(dir, 'locked'), 0o755).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['a .. segment', (d: string) => `file://${d}/inner/../escape.webm`, /'\.\.'/],
    ['an encoded .. segment', (d: string) => `file://${d}/inner/%2E%2E/escape.webm`, /'\.\.'/],
    ['a relative path', () => 'file:escape.webm', /absolute|'\.\.'|not a URI/],
    ['another scheme', () => 'http://example.com/x.webm', /only file:\/\//],
    ['a folder instead of a file', (d: string) => `file://${d}/`, /does not name a file/],
  ])('refuses %s when created', (_what, uri, pattern) => {
    expect(() => pipeline.create('RecorderEndpoint', { uri: uri(dir) })).toThrow(pattern);
  });

  it('refuses to follow a symbolic link out of its folder, leaving the target untouched', async () => {
    const outside = join(dir, 'outside.txt');
    await writeFile(outside, 'precious');
    await mkdir(join(dir, 'rec'), { recursive: true });
    await symlink(outside, join(dir, 'rec', 'take.webm'));
    const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${dir}/rec/take.webm` }) as RecorderEndpoint;
    const error = nextEvent(recorder, 'Error');
    await recorder.record();
    expect(String((await error).description)).toMatch(/take\.webm.*symbolic link/);
    expect(recorder.state).toBe('STOP');
    expect(await readFile(outside, 'utf8')).toBe('precious');
    recorder.release();
  });

  it('reports an unwritable folder as an Error event naming the path', async () => {
    const folders = [join(dir, 'no', 'such', 'folder')];
    // A "folder" that is a file fails for everyone, root included.
    await writeFile(join(dir, 'afile'), 'x');
    folders.push(join(dir, 'afile'));
    if (process.getuid?.() !== 0) {
      // Permissions do not stop root, so this case only means something for other users.
      await mkdir(join(dir, 'locked'));
      await chmod(join(dir, 'locked'), 0o500);
      folders.push(join(dir, 'locked'));
    }
    for (const folder of folders) {
      const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${folder}/take.webm` }) as RecorderEndpoint;
      const error = nextEvent(recorder, 'Error');
      await recorder.record();
      expect(String((await error).description)).toContain(folder);
      expect(recorder.state).toBe('STOP');
      recorder.release();
    }
  });
});

describe('release', () => {
  it('leaves no timers or handles behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fluo-release-'));
    const baseline = activeResourceCounts();
    const pipeline = new MediaPipeline();
    const source = pipeline.create('TestPatternEndpoint', { width: 160, height: 120 }) as MediaElement;
    const recorder = pipeline.create('RecorderEndpoint', { uri: `file://${dir}/x.webm` }) as RecorderEndpoint;
    const player = pipeline.create('PlayerEndpoint', { uri: `file://${dir}/missing.webm` }) as MediaElement & { play(): Promise<void> };
    source.connect(recorder);
    await recorder.record();
    await nextEvent(recorder, 'Recording');
    await player.play();
    await sleep(300);
    pipeline.release();
    // Nothing of a kind beyond what was there before (earlier tests may still hold some).
    expect(await resourcesLeftAbove(baseline)).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  }, 30_000);
});
