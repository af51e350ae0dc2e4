// Bundles the engine host (app/host/host-process.ts and everything of ours it imports) into ESM
// files in main/dist for the packaged app: there tsx cannot load TypeScript from inside app.asar.
// npm packages stay external (electron-builder ships them, natives unpacked).
//
// Sources that locate files relative to themselves are rewritten for the bundle:
// - `new URL('./x.ts', import.meta.url)` (worker modules, the vision workers' tsx launcher) becomes
//   './x.mjs', and x is bundled too, next to the host bundle; inside bundles tsx's register() is a
//   no-op, since everything is already JavaScript.
// - `import.meta.dirname` becomes the source's own folder in the app, on the unpacked side of the asar
//   (app.asar.unpacked/engine/vision...), so `../../assets/...` reaches the unpacked assets, which
//   FFmpeg and TensorFlow read by path.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const WORKER_URL = /new URL\(\s*(['"])(\.{1,2}\/[^'"]+\.(?:ts|js))\1\s*,\s*import\.meta\.url\s*\)/g;

/** Defined at the top of every bundle: where a source folder of the app is, unpacked side. */
function banner(outdir: string): string {
  // From the bundle's folder to the app root (the repository, or app.asar when packaged).
  const up = path.relative(outdir, root).split(path.sep).join('/') || '.';
  return [
    "import { fileURLToPath as __fluoFileURLToPath } from 'node:url';",
    "import __fluoPath from 'node:path';",
    `const __fluoAppRoot = __fluoPath.resolve(__fluoPath.dirname(__fluoFileURLToPath(import.meta.url)), ${JSON.stringify(up)});`,
    "const __fluoSourceDir = (dir) => __fluoPath.join(__fluoAppRoot.replace(/\\.asar$/, '.asar.unpacked'), dir);",
  ].join('\n');
}

function bundleName(file: string): string {
  return path.basename(file).replace(/\.(ts|js)$/, '');
}

/** Rewrites self-relative file references (see the header) and collects the extra bundles they need. */
function selfRelativePlugin(extra: Map<string, string>): Plugin {
  return {
    name: 'fluo-self-relative',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^tsx\/esm\/api$/ }, () => ({ path: 'tsx-register', namespace: 'fluo-noop' }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'fluo-noop' }, () => ({ contents: 'export function register() {}', loader: 'js' }));
      pluginBuild.onLoad({ filter: /\.(ts|js)$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!WORKER_URL.test(source) && !source.includes('import.meta.dirname')) return undefined;
        WORKER_URL.lastIndex = 0;
        const folder = path.dirname(args.path);
        const contents = source
          .replace(WORKER_URL, (_match, _quote: string, specifier: string) => {
            const target = path.resolve(folder, specifier);
            const name = bundleName(target);
            const known = extra.get(name);
            if (known && known !== target) throw new Error(`bundle-host: two worker modules named ${name}: ${known} and ${target}`);
            extra.set(name, target);
            return `new URL('./${name}.mjs', import.meta.url)`;
          })
          .replaceAll('import.meta.dirname', `__fluoSourceDir(${JSON.stringify(path.relative(root, folder).split(path.sep).join('/'))})`);
        return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js', resolveDir: folder };
      });
    },
  };
}

export interface Bundles {
  /** Every file written (entry and worker bundles, without source maps). */
  files: string[];
  inputs: number;
  bytes: number;
}

/** Bundles each entry as outdir/<name>.mjs, plus every worker module they reference. */
export async function bundleEntries(entries: Record<string, string>, outdir: string): Promise<Bundles> {
  const extra = new Map<string, string>();
  const done = new Set<string>();
  const queue: [string, string][] = Object.entries(entries);
  const inputs = new Set<string>();
  const files: string[] = [];
  let bytes = 0;
  // Worker bundles are found while bundling; bundle until no new one appears.
  while (queue.length > 0) {
    const [name, entry] = queue.shift() as [string, string];
    const target = path.join(outdir, `${name}.mjs`);
    const result = await build({
      entryPoints: [entry],
      outfile: target,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'warning',
      metafile: true,
      banner: { js: banner(outdir) },
      plugins: [selfRelativePlugin(extra)],
    });
    done.add(name);
    files.push(target);
    for (const input of Object.keys(result.metafile.inputs)) inputs.add(input);
    bytes += Object.entries(result.metafile.outputs).reduce((sum, [file, output]) => sum + (file.endsWith('.map') ? 0 : output.bytes), 0);
    for (const [workerName, workerEntry] of extra) {
      if (!done.has(workerName) && !queue.some(([queued]) => queued === workerName)) queue.push([workerName, workerEntry]);
    }
  }
  return { files, inputs: inputs.size, bytes };
}

/** The packaged host: main/dist/host-process.mjs and its worker bundles. */
export async function bundleHost(outfile = path.join(root, 'main', 'dist', 'host-process.mjs')): Promise<Bundles & { outfile: string }> {
  const bundles = await bundleEntries({ [path.basename(outfile, '.mjs')]: path.join(root, 'app', 'host', 'host-process.ts') }, path.dirname(outfile));
  return { ...bundles, outfile };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const { files, inputs, bytes } = await bundleHost();
  console.log(`bundle-host: ${files.map((file) => path.relative(root, file)).join(', ')} from ${inputs} sources, ${(bytes / 1024).toFixed(0)} KiB`);
}
