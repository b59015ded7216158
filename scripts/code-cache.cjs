// Build step: compile dist/ingressctl.js, run the CLI once on fixtures/cafe (so the code
// cache holds the functions a run compiles, not only the top level), then write the cache.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join, dirname } = require('node:path');
const { Script } = require('node:vm');
const { wrap, createRequire } = require('node:module');

const root = join(__dirname, '..');
const file = join(root, 'dist', 'ingressctl.js');
const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file });
const bundle = { exports: {} };
script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(file), bundle, file, dirname(file));

const sink = { write: () => true };
const io = { stdout: sink, stderr: sink, stdin: () => '', env: { NO_COLOR: '1' }, cwd: root };
(async () => {
  for (const argv of [['routes', 'fixtures/cafe'], ['lint', 'fixtures/cafe'], ['explain', 'https://cafe.example.com/tea', 'fixtures/cafe']]) {
    await bundle.exports.run(argv.map((a) => (a.startsWith('fixtures/') ? join(root, a) : a)), io);
  }
  writeFileSync(file + '.cache', script.createCachedData());
})();
