/**
 * `npm run bench`: runs every benchmark module in bench/ (each exports one async `bench*`
 * function returning named figures) and prints one JSON object. Pass module names to run
 * a subset: `npm run bench -- store document`.
 */
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Bench = () => Promise<Record<string, number>>;

const here = dirname(fileURLToPath(import.meta.url));
const only = new Set(process.argv.slice(2));
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => basename(f, '.ts'))
  .filter((name) => only.size === 0 || only.has(name))
  .sort();

const results: Record<string, Record<string, number> | { error: string }> = {};
for (const name of modules) {
  const module = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as Record<string, unknown>;
  const bench = Object.entries(module).find(([key, value]) => key.startsWith('bench') && typeof value === 'function')?.[1] as Bench | undefined;
  if (!bench) {
    results[name] = { error: `bench/${name}.ts exports no bench* function` };
    continue;
  }
  process.stderr.write(`bench: ${name}…\n`);
  try {
    results[name] = await bench();
  } catch (error) {
    results[name] = { error: error instanceof Error ? error.message : String(error) };
  }
}

const cpu = cpus();
console.log(
  JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpu.length, cpuModel: cpu[0]?.model, results }, null, 2),
);
process.exit(Object.values(results).some((r) => 'error' in r) ? 1 : 0);
