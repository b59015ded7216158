// Build: compile the JSON Schemas to standalone ajv validators (so start-up never
// compiles a schema), then bundle the CLI into one CommonJS file (fast cold start).
import { readdirSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const standalone = require('ajv/dist/standalone').default;

const schemaDir = join(root, 'schemas');
const ajv = new Ajv({ allErrors: true, strict: true, code: { source: true, esm: false }, allowUnionTypes: true, verbose: true });
const exportsMap = {};
for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.json')).sort()) {
  const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
  const key = file.replace(/\.json$/, '');
  ajv.addSchema(schema, key);
  exportsMap[key] = key;
}
mkdirSync(join(root, 'build'), { recursive: true });
writeFileSync(join(root, 'build', 'validators.cjs'), standalone(ajv, exportsMap));

const esbuild = require('esbuild');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // js-yaml runs about twice as slow when inlined into the bundle (measured: 2.1 s vs
  // 0.9 s to load the 10k-Ingress bench input), so it is loaded from node_modules.
  // Loaded from node_modules when first needed, never at start: selfsigned (serve's default
  // certificate, ~500 KB with its ASN.1 libraries). These two are the package's only
  // runtime dependencies; everything else is in the bundle.
  external: ['js-yaml', 'selfsigned'],
  minifyWhitespace: true,
  minifySyntax: true,
};
esbuild.buildSync({ ...common, entryPoints: [join(root, 'src', 'cli', 'main.ts')], outfile: join(root, 'dist', 'ingressctl.js') });
esbuild.buildSync({ ...common, entryPoints: [join(root, 'src', 'index.ts')], outfile: join(root, 'dist', 'index.js') });
// the worker that reads half of a large input (src/load/parallel.ts) sits beside the bundles
esbuild.buildSync({ ...common, entryPoints: [join(root, 'src', 'load', 'parse-worker.ts')], outfile: join(root, 'dist', 'parse-worker.js') });

// the library's type declarations (package.json "types"), for `prepare` (npm ci, npm pack):
// `node scripts/build.mjs --types`
if (process.argv.includes('--types')) {
  const tsc = spawnSync(process.execPath, [join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}

// dist/cli.js loads the bundle with a V8 code cache made now (see scripts/launcher.cjs)
copyFileSync(join(root, 'scripts', 'launcher.cjs'), join(root, 'dist', 'cli.js'));
const cache = spawnSync(process.execPath, [join(root, 'scripts', 'code-cache.cjs')], { stdio: 'inherit' });
if (cache.status !== 0) console.warn('build: no code cache written; start-up compiles the bundle');
