// The npm package: what `npm pack` ships runs on its own (every file the CLI and the library
// load), and the runtime dependencies are exactly what the bundles load from node_modules.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { builtinModules, createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Packages (not node: built-ins) a bundle requires at run time. */
function required(bundle: string): string[] {
  const text = readFileSync(join(ROOT, bundle), 'utf8');
  // a require inside a string (ajv's generated code names its runtime helpers) is not a load
  const names = [...text.matchAll(/(?<!['"])\brequire\("([^"]+)"\)/g)].map((m) => m[1]).filter((n) => !n.startsWith('node:') && !n.startsWith('.'));
  return [...new Set(names.map((n) => (n.startsWith('@') ? n.split('/').slice(0, 2).join('/') : n.split('/')[0])))].sort();
}

test('runtime dependencies are exactly the packages the bundles load from node_modules', () => {
  const loaded = [...new Set(['dist/ingressctl.js', 'dist/index.js', 'dist/gateway-validators.cjs', 'dist/gateway-cel.js', 'dist/js-yaml.js', 'dist/parse-worker.js'].flatMap(required))].sort();
  assert.equal(Object.keys(pkg.dependencies ?? {}).sort(), loaded);
});

test('@types/node matches engines.node', () => {
  const major = /^>=(\d+)/.exec(pkg.engines.node)?.[1];
  assert.match(pkg.devDependencies['@types/node'], new RegExp(`^\\^${major}\\.`));
});

test('npm pack ships every file the CLI and the library entry need', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const files = new Set((JSON.parse(r.stdout)[0].files as { path: string }[]).map((f) => f.path));
  const needed = [pkg.bin.ingressctl, 'dist/cli.js', 'dist/ingressctl.js', 'dist/ingressctl.js.map', 'dist/gateway-validators.cjs', 'dist/gateway-cel.js', 'dist/js-yaml.js', 'dist/js-yaml.js.cache', 'dist/parse-worker.js', pkg.main, pkg.types, pkg.exports['.'].types.replace(/^\.\//, ''), pkg.exports['.'].default.replace(/^\.\//, ''), 'package.json', 'README.md'];
  const missing = needed.filter((f) => !files.has(f));
  assert.equal(missing, [], 'missing from the package (node scripts/build.mjs --types builds dist/types, as npm ci and npm pack do)');
});

/**
 * `npm ci` builds dist/types (prepare); `npm test` builds only the bundles. After a checkout
 * moves on, the declarations are older than the sources: made again here, or this test would
 * judge the old ones.
 */
function refreshDeclarations(): void {
  const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
  const built = existsSync(join(ROOT, pkg.types)) ? statSync(join(ROOT, pkg.types)).mtimeMs : 0;
  if (built >= newest(join(ROOT, 'src'))) return;
  // what `node scripts/build.mjs --types` runs, without making the bundles again
  const tsc = join(dirname(createRequire(join(ROOT, 'package.json')).resolve('typescript/package.json')), 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.status, 0, `the declarations could not be made (tsc -p tsconfig.build.json):\n${r.stdout}${r.stderr}`);
}

/** Declaration files reachable from `entry` through relative imports, and the packages they import. */
function declarationImports(entry: string): { files: number; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
      const spec = m[1];
      if (spec.startsWith('.')) visit(join(dirname(file), spec.replace(/\.js$/, '.d.ts')));
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  };
  visit(join(ROOT, entry));
  return { files: seen.size, packages: [...packages].sort() };
}

test('the published type declarations need only runtime dependencies and Node built-ins', () => {
  refreshDeclarations();
  // bundled packages are devDependencies: a consumer's tsc cannot find their types
  const { files, packages } = declarationImports(pkg.types);
  assert.ok(files > 10, `followed ${files} declaration files from ${pkg.types}`);
  const allowed = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
  const node = new Set(builtinModules);
  const extra = packages.filter((p) => !allowed.has(p) && !p.startsWith('node:') && !node.has(p));
  assert.equal(extra, [], `declarations reachable from ${pkg.types} import packages a consumer does not install`);
});

test('the built parse worker reads its half of a large input: the same routes as one thread', () => {
  // over 256 KiB: two batches at least, the second read by dist/parse-worker.js ('split' fails loudly if it does not)
  const input = spawnSync(process.execPath, [join(ROOT, 'bench/generate.mjs'), '300', '--git-like'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.is(input.status, 0, input.stderr);
  assert.ok(input.stdout.length > 1.5 * 256 * 1024);
  const routes = (mode: string) => spawnSync(process.execPath, [join(ROOT, 'bin/ingressctl'), 'routes', '-', '-o', 'json'], { input: input.stdout, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, INGRESSCTL_PARSE_WORKER: mode } });
  const two = routes('split');
  assert.is(two.status, 0, two.stderr);
  const one = routes('never');
  assert.is(one.status, 0, one.stderr);
  assert.ok(two.stdout.length > 100_000);
  assert.ok(two.stdout === one.stdout, 'routes -o json differ with and without the parse worker');
});

test.run();
