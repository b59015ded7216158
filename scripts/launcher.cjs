// dist/cli.js: loads the bundle (dist/ingressctl.js) with the V8 code cache made at build
// time, so start-up does not compile 700 KB of JavaScript again. Without a usable cache
// (another Node version), V8 rejects it and compiles as usual. Node 20 has no
// module.enableCompileCache(), hence vm.Script; but code run through vm loses the source
// map, so with --debug the bundle is required normally with source maps on, and stack
// traces point at the TypeScript sources.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');
const { wrap, createRequire } = require('node:module');

const file = join(__dirname, 'ingressctl.js');
if (process.argv.includes('--debug')) {
  process.setSourceMapsEnabled(true);
  module.exports = require(file);
} else {
  let cachedData;
  try {
    cachedData = readFileSync(file + '.cache');
  } catch {
    cachedData = undefined;
  }
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const bundle = { exports: {} };
  script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(file), bundle, file, __dirname);
  module.exports = bundle.exports;
}
// Note: code run through vm cannot use dynamic import(); the sources load optional
// packages with require() instead.
