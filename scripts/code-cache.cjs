// Build step: compile each CLI bundle (dist/ingressctl.js, and the one-command bundles
// dist/ingressctl-routes.js, …-lint.js), run its commands on fixtures/cafe (so the code cache
// holds the functions a run compiles, not only the top level), then write its cache.
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
const routes = ['routes', 'fixtures/cafe'];
const lint = ['lint', 'fixtures/cafe'];
const explain = ['explain', 'https://cafe.example.com/tea', 'fixtures/cafe'];
/** each bundle and the runs that train its cache */
const bundles = [
  [file, [routes, lint, explain]],
  ...readdirSync(join(root, 'dist'))
    .map((f) => /^ingressctl-([\w-]+)\.js$/.exec(f))
    .filter(Boolean)
    // dist/ingressctl-NAME.js: `NAME fixtures/cafe`
    .map(([f, name]) => [join(root, 'dist', f), [[name, 'fixtures/cafe']]]),
];

const sink = { write: () => true };
const io = { stdout: sink, stderr: sink, stdin: () => '', env: { NO_COLOR: '1' }, cwd: root };
(async () => {
  for (const [path, runs] of bundles) {
    const script = new Script(wrap(readFileSync(path, 'latin1')), { filename: path });
    const bundle = { exports: {} };
    script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(path), bundle, path, dirname(path));
    for (const argv of runs) {
      const code = await bundle.exports.run(argv.map((a) => (a.startsWith('fixtures/') ? join(root, a) : a)), io);
      if (code !== 0) fail(`${path}: ${argv.join(' ')} exited ${code}`);
    }
    writeFileSync(path + '.cache', script.createCachedData());
  }
  writeFileSync(yamlFile + '.cache', yamlScript.createCachedData());
  gatewayValidatorsCache();
})();

function fail(message) {
  throw new Error(`code cache: ${message}`);
}

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
