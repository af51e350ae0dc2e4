// Bundles the engine host (app/host/host-process.ts and everything of ours it imports) into one
// ESM file, main/dist/engine-host.mjs, for the packaged app: there tsx cannot load TypeScript from
// inside app.asar. npm packages stay external (electron-builder ships them, natives unpacked).
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

export async function bundleHost(outfile = path.join(root, 'main', 'dist', 'engine-host.mjs')): Promise<{ outfile: string; inputs: number; bytes: number }> {
  const result = await build({
    entryPoints: [path.join(root, 'app', 'host', 'host-process.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs).length;
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return { outfile, inputs, bytes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const { outfile, inputs, bytes } = await bundleHost();
  console.log(`bundle-host: ${path.relative(root, outfile)} from ${inputs} sources, ${(bytes / 1024).toFixed(0)} KiB`);
}
