// dist/cli.js: loads the bundle (dist/ingressctl.js, or the command's own bundle) with the V8
// code cache made at build time, so start-up does not compile a megabyte of JavaScript again. Without a usable cache
// (another Node version), V8 rejects it and compiles as usual. Node 20 has no
// module.enableCompileCache(), hence vm.Script; but code run through vm loses the source
// map, so with --debug the bundle is required normally with source maps on, and stack
// traces point at the TypeScript sources.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');
// the Module class from this module, not require('node:module'): that public module loads the
// ESM loader and source-map support with it, which a CommonJS start-up does not need
const Module = module.constructor;
const { wrap, createRequire } = Module;

// The commands with a bundle of their own (scripts/build.mjs SPLIT): named first on the command
// line, as src/cli/run.ts finds the one command it defines, the run loads that bundle, which
// holds the command and what it imports but not the other commands. The build writes its list here.
const SPLIT = ['routes', 'lint'];
const first = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (process.argv.includes('--debug')) {
  process.setSourceMapsEnabled(true);
  module.exports = require(join(__dirname, 'ingressctl.js'));
} else {
  const file = join(__dirname, SPLIT.includes(first) ? `ingressctl-${first}.js` : 'ingressctl.js');
  // js-yaml (dist/js-yaml.js, which the bundle requires by path) with its own code cache, put
  // in require's cache first so the bundle's require finds it there
  const yaml = join(__dirname, 'js-yaml.js');
  const yamlModule = new Module(yaml, module);
  yamlModule.filename = yaml;
  yamlModule.paths = [];
  run(yaml, yamlModule);
  yamlModule.loaded = true;
  require.cache[yaml] = yamlModule;
  const bundle = { exports: {} };
  run(file, bundle);
  module.exports = bundle.exports;
}

/** Runs a CommonJS file through vm.Script with the code cache beside it (FILE.cache) when there is one. */
function run(path, mod) {
  let cachedData;
  try {
    cachedData = readFileSync(path + '.cache');
  } catch {
    cachedData = undefined;
  }
  // latin1: no UTF-8 decoding of a megabyte at every start; exact, as scripts/build.mjs checks
  // that the files are ASCII
  const script = new Script(wrap(readFileSync(path, 'latin1')), { filename: path, cachedData });
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(path), mod, path, __dirname);
}
// Note: code run through vm cannot use dynamic import(); the sources load optional
// packages with require() instead.
