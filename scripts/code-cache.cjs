// Build step: compile dist/ingressctl.js, run the CLI once on fixtures/cafe (so the code
// cache holds the functions a run compiles, not only the top level), then write the cache.
'use strict';
const { readdirSync, readFileSync, writeFileSync, rmSync } = require('node:fs');
const { join, dirname } = require('node:path');
const { Script } = require('node:vm');
const { Module, wrap, createRequire } = require('node:module');

const root = join(__dirname, '..');
const file = join(root, 'dist', 'ingressctl.js');
// dist/js-yaml.js (scripts/build.mjs): loaded here first, into require's cache, so the bundle's
// requireCached (which falls back to require() without a cache file) runs this very script, and
// its cache holds what the runs below compiled
const yamlFile = join(root, 'dist', 'js-yaml.js');
rmSync(yamlFile + '.cache', { force: true });
const yamlScript = new Script(wrap(readFileSync(yamlFile, 'latin1')), { filename: yamlFile });
const yamlModule = new Module(yamlFile, module);
yamlModule.filename = yamlFile;
yamlModule.loaded = true;
yamlScript.runInThisContext().call(yamlModule.exports, yamlModule.exports, createRequire(yamlFile), yamlModule, yamlFile, dirname(yamlFile));
require.cache[yamlFile] = yamlModule;
const script = new Script(wrap(readFileSync(file, 'latin1')), { filename: file });
const bundle = { exports: {} };
script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(file), bundle, file, dirname(file));

const sink = { write: () => true };
const io = { stdout: sink, stderr: sink, stdin: () => '', env: { NO_COLOR: '1' }, cwd: root };
(async () => {
  for (const argv of [['routes', 'fixtures/cafe'], ['lint', 'fixtures/cafe'], ['explain', 'https://cafe.example.com/tea', 'fixtures/cafe']]) {
    await bundle.exports.run(argv.map((a) => (a.startsWith('fixtures/') ? join(root, a) : a)), io);
  }
  writeFileSync(file + '.cache', script.createCachedData());
  writeFileSync(yamlFile + '.cache', yamlScript.createCachedData());
  gatewayValidatorsCache();
})();

// dist/gateway-validators.cjs (read by src/util/cached-require.ts for Gateway API input): its
// own cache, made after validating every object of the Gateway API fixtures
function gatewayValidatorsCache() {
  const js = join(root, 'dist', 'gateway-validators.cjs');
  const gw = new Script(wrap(readFileSync(js, 'utf8')), { filename: js });
  const validators = { exports: {} };
  gw.runInThisContext().call(validators.exports, validators.exports, createRequire(js), validators, js, dirname(js));
  const { loadAll } = require('js-yaml');
  const dirs = ['fixtures/gateway-routing', 'fixtures/gateway-api/examples'].map((d) => join(root, d));
  const files = dirs.flatMap((d) => readdirSync(d, { recursive: true }).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(d, f)));
  for (const f of files) {
    for (const o of loadAll(readFileSync(f, 'utf8'))) {
      const key = o && typeof o.apiVersion === 'string' ? `${o.apiVersion.replace('/', '_')}_${o.kind}` : '';
      if (typeof validators.exports[key] === 'function') validators.exports[key](o);
    }
  }
  writeFileSync(js + '.cache', gw.createCachedData());
}
