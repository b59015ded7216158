// dist/cli.js: loads the bundle (dist/ingressctl.js) with the V8 code cache made at build
// time, so start-up does not compile 700 KB of JavaScript again. Without a usable cache
// (another Node version), V8 rejects it and compiles as usual.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');
const { wrap, createRequire } = require('node:module');

const file = join(__dirname, 'ingressctl.js');
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
// Note: code run this way cannot use dynamic import(); the sources load optional
// packages with require() instead.
