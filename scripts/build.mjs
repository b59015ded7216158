// Build: compile the JSON Schemas to standalone ajv validators (so start-up never
// compiles a schema), then bundle the CLI into one CommonJS file (fast cold start).
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const standalone = require('ajv/dist/standalone').default;

const { _ } = require('ajv');
const addFormats = require('ajv-formats');
const { ajvSchema, celTree, STRING_FORMATS } = await import('./gateway-schemas.mjs');

const schemaDir = join(root, 'schemas');
const newAjv = () => {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    code: { source: true, esm: false, formats: _`require("ajv-formats/dist/formats").fullFormats` },
    allowUnionTypes: true,
    verbose: true,
  });
  addFormats(ajv, STRING_FORMATS);
  return ajv;
};
// One file per kind (build/validators/KEY.cjs), each with its schema's objects (verbose mode
// keeps them for the messages): a run builds only the validators of the kinds its input holds.
// build/validators.cjs maps each key to a function that requires its file; the requires are
// plain strings, so the bundle holds every file and runs each when first asked.
rmSync(join(root, 'build', 'validators'), { recursive: true, force: true });
mkdirSync(join(root, 'build', 'validators'), { recursive: true });
const loaders = [];
for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.json')).sort()) {
  const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
  const key = file.replace(/\.json$/, '');
  const ajv = newAjv();
  ajv.addSchema(schema, key);
  writeFileSync(join(root, 'build', 'validators', `${key}.cjs`), standalone(ajv, { [key]: key }));
  loaders.push(`${JSON.stringify(key)}: () => require(${JSON.stringify(`./validators/${key}.cjs`)})[${JSON.stringify(key)}],`);
}
writeFileSync(join(root, 'build', 'validators.cjs'), `'use strict';\n// made by scripts/build.mjs: each schema key → its validator, required when first asked\nmodule.exports = {\n${loaders.join('\n')}\n};\n`);

// Gateway API CRD schemas: ajv validators in a file of their own (about 1 MB of code, loaded
// only when the input holds Gateway API objects), CEL rules and defaults for src/gateway/cel.ts.
const gwDir = join(schemaDir, 'gateway-api');
const ingressDefs = JSON.parse(readFileSync(join(schemaDir, 'networking.k8s.io_v1_Ingress.json'), 'utf8')).definitions;
const objectMeta = JSON.parse(JSON.stringify({ ObjectMeta: ingressDefs.ObjectMeta, OwnerReference: ingressDefs.OwnerReference }), (k, v) => (k === 'description' && typeof v === 'string' ? undefined : v));
const gwAjv = newAjv();
const gwExports = {};
const cel = {};
/** schema text (without its $comment) → the key it was compiled under: v1beta1 is the same schema as v1 */
const compiled = new Map();
for (const file of readdirSync(gwDir).filter((f) => f.endsWith('.json')).sort()) {
  const { $comment, ...crd } = JSON.parse(readFileSync(join(gwDir, file), 'utf8'));
  const key = file.replace(/\.json$/, '');
  const text = JSON.stringify(crd);
  const same = compiled.get(text);
  if (same) {
    gwExports[key] = same;
    cel[key] = same;
    continue;
  }
  compiled.set(text, key);
  gwAjv.addSchema(ajvSchema({ $comment, ...crd }, objectMeta), key);
  gwExports[key] = key;
  cel[key] = celTree(crd);
}
writeFileSync(join(root, 'build', 'gateway-validators.cjs'), standalone(gwAjv, gwExports));
writeFileSync(join(root, 'build', 'gateway-cel.json'), JSON.stringify(cel));
// the kinds alone, which every run asks about (src/gateway/cel.ts): the trees are read only for Gateway API input
writeFileSync(join(root, 'build', 'gateway-kinds.json'), JSON.stringify(Object.keys(cel)));

const esbuild = require('esbuild');
// commander requires node:child_process at load (→ net, dgram, …, about 5 ms of start-up) only
// to spawn executable subcommands, which ingressctl has none of: inside commander that require
// becomes an object that loads the module on first use
function lazyChildProcess() {
  return {
    name: 'lazy-child-process',
    setup(build) {
      build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
        /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
        contents: "let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:child_process'))[k] });",
        loader: 'js',
      }));
    },
  };
}
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // Loaded from node_modules when first needed, never at start: selfsigned (serve's default
  // certificate, ~500 KB with its ASN.1 libraries), the package's only runtime dependency;
  // everything else is in the bundle or beside it (js-yaml: yamlChunk below).
  external: ['selfsigned'],
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [lazyChildProcess(), yamlChunk(), noColorProbe(), jsonAsText()],
};
// chalk probes the terminal at load (supports-color: node:tty, node:os, the environment; about
// 4 ms of start-up) for its default instances; ingressctl only makes Chalk({ level }) with the
// level it decided itself (useColor), so in the bundle that probe reports no colour support
function noColorProbe() {
  return {
    name: 'no-color-probe',
    setup(build) {
      build.onResolve({ filter: /^#supports-color$/ }, (args) =>
        /[\\/]node_modules[\\/]chalk[\\/]/.test(args.importer) ? { path: 'supports-color', namespace: 'no-color-probe' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'no-color-probe' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
    },
  };
}
// js-yaml runs about twice as slow when inlined into the bundle (measured: 2.1 s vs 0.9 s to
// load the 10k-Ingress bench input), so it stays a file of its own: dist/js-yaml.js, copied as
// published (re-emitted by esbuild, or behind an esbuild CommonJS wrapper, it parsed the 10k
// input about 10% slower). The bundles require it by path, which skips resolving the package
// through node_modules at start-up (about 3 ms); dist/cli.js loads it with its code cache.
function yamlChunk() {
  return {
    name: 'yaml-chunk',
    setup(build) {
      build.onResolve({ filter: /^js-yaml$/ }, () => ({ path: './js-yaml.js', external: true }));
    },
  };
}
// A JSON file in the bundle as JSON.parse of its text, not as an object literal: V8 reads JSON
// faster than it compiles and runs a literal of the same size (build/gateway-cel.json, read when
// Gateway API input is first checked; build/gateway-kinds.json at start-up)
function jsonAsText() {
  return {
    name: 'json-as-text',
    setup(build) {
      build.onLoad({ filter: /\.json$/ }, (args) => ({ contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8'))))});`, loader: 'js' }));
    },
  };
}
/**
 * js-yaml as published, with its few non-ASCII characters (each inside a double-quoted string
 * literal: "→", NEL) written as \u escapes, the same string to JavaScript; one anywhere else
 * is left as it is, and assertAscii fails the build.
 */
function asciiStrings(text) {
  return text
    .split('\n')
    .map((line) => (/[^\x00-\x7f]/.test(line) ? line.replace(/"(?:[^"\\\n]|\\.)*"/g, (lit) => lit.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)) : line))
    .join('\n');
}
function assertAscii(file) {
  const bytes = readFileSync(file);
  const at = bytes.findIndex((b) => b > 0x7f);
  if (at !== -1) {
    const line = bytes.subarray(0, at).toString('latin1').split('\n').length;
    throw new Error(`build: ${file} is not ASCII (line ${line}); dist/cli.js reads it as latin1`);
  }
}
/**
 * The bundle of one command: every other command's module that run.ts requires (version.ts
 * aside, which it imports for --version) is a stand-in that fails loudly if it is ever asked
 * for a command, which the launcher's choice of bundle rules out.
 */
function onlyCommand(name) {
  return {
    name: 'only-command',
    setup(build) {
      build.onResolve({ filter: /^\.\/commands\/[\w-]+\.js$/ }, (args) => {
        const other = /^\.\/commands\/([\w-]+)\.js$/.exec(args.path)[1];
        if (!/[\\/]src[\\/]cli[\\/]run\.ts$/.test(args.importer) || other === name || other === 'version') return undefined;
        return { path: other, namespace: 'absent-command' };
      });
      build.onLoad({ filter: /.*/, namespace: 'absent-command' }, (args) => ({
        contents: `module.exports = new Proxy({}, { get: () => () => { throw new Error(${JSON.stringify(`dist/ingressctl-${name}.js has no ${args.path} command (dist/cli.js chose the wrong bundle)`)}); } });`,
        loader: 'js',
      }));
    },
  };
}
// a fresh clone has no dist/ yet (esbuild makes it only when it writes the bundles)
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', 'js-yaml.js'), asciiStrings(readFileSync(require.resolve('js-yaml'), 'utf8')));
await esbuild.build({ ...common, entryPoints: [join(root, 'src', 'cli', 'main.ts')], outfile: join(root, 'dist', 'ingressctl.js') });
// The commands run most have a bundle of their own (dist/ingressctl-routes.js, …-lint.js): the
// CLI with that command and what it imports, not the other commands, so a start-up reads,
// deserializes and runs about half as much. run.ts defines only the command named first on the
// command line; dist/cli.js picks the bundle by the same rule (scripts/launcher.cjs, SPLIT), and
// with --debug (source maps) takes dist/ingressctl.js.
const SPLIT = ['routes', 'lint'];
for (const f of readdirSync(join(root, 'dist'))) if (/^ingressctl-[\w-]+\.js(\.cache)?$/.test(f) && !SPLIT.some((name) => f.startsWith(`ingressctl-${name}.js`))) rmSync(join(root, 'dist', f));
for (const name of SPLIT) {
  await esbuild.build({ ...common, sourcemap: false, plugins: [onlyCommand(name), ...common.plugins], entryPoints: [join(root, 'src', 'cli', 'main.ts')], outfile: join(root, 'dist', `ingressctl-${name}.js`) });
}
// dist/cli.js reads the bundle and js-yaml as latin1 (no UTF-8 decoding at start-up), which is
// exact only for ASCII: esbuild writes non-ASCII characters as escapes (charset: ascii, its
// default), and a bundle that is not ASCII fails the build here
for (const file of ['ingressctl.js', ...SPLIT.map((name) => `ingressctl-${name}.js`), 'js-yaml.js']) assertAscii(join(root, 'dist', file));
await esbuild.build({ ...common, entryPoints: [join(root, 'src', 'index.ts')], outfile: join(root, 'dist', 'index.js') });
// the worker thread that reads part of a large input (src/load/parallel.ts), beside the bundles
await esbuild.build({ ...common, sourcemap: false, entryPoints: [join(root, 'src', 'load', 'parse-worker.ts')], outfile: join(root, 'dist', 'parse-worker.js') });
// what only Gateway API input needs sits beside the bundles, each read when first needed
// (src/schema/validate.ts, src/gateway/cel.ts): the CRD validators with the ajv runtime they
// call, and the CEL evaluator
const lazy = { ...common, sourcemap: false };
await esbuild.build({ ...lazy, entryPoints: [join(root, 'build', 'gateway-validators.cjs')], outfile: join(root, 'dist', 'gateway-validators.cjs') });
await esbuild.build({ ...lazy, entryPoints: [join(root, 'src', 'gateway', 'cel-lib.ts')], outfile: join(root, 'dist', 'gateway-cel.js') });

// the library's type declarations (package.json "types"), for `prepare` (npm ci, npm pack):
// `node scripts/build.mjs --types`
if (process.argv.includes('--types')) {
  const tsc = spawnSync(process.execPath, [join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}

// dist/cli.js loads the bundle with a V8 code cache made now (see scripts/launcher.cjs)
const launcher = readFileSync(join(root, 'scripts', 'launcher.cjs'), 'utf8');
const splitLine = /^const SPLIT = \[.*\];$/m;
if (!splitLine.test(launcher)) throw new Error('build: scripts/launcher.cjs has no `const SPLIT = [...];` line');
writeFileSync(join(root, 'dist', 'cli.js'), launcher.replace(splitLine, `const SPLIT = ${JSON.stringify(SPLIT)};`));
const cache = spawnSync(process.execPath, [join(root, 'scripts', 'code-cache.cjs')], { stdio: 'inherit' });
if (cache.status !== 0) console.warn('build: no code cache written; start-up compiles the bundle');
