// One measurement in a fresh process: node bench/stage.mjs <stage> <file>
// stages: pipeline (load+validate+resolve), yaml (parseAllDocuments), js-yaml (loadAll)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const [stage, file] = process.argv.slice(2);

const t0 = performance.now();
let count = 0;
if (stage === 'pipeline') {
  const { loadInputs, resolve } = require('../dist/index.js');
  const load = loadInputs([file]);
  const model = resolve(load.documents);
  count = model.hosts.reduce((n, h) => n + h.routes.length, 0);
} else if (stage === 'yaml') {
  const { parseAllDocuments } = require('yaml');
  count = parseAllDocuments(readFileSync(file, 'utf8')).length;
} else if (stage === 'js-yaml') {
  const { loadAll } = require('js-yaml');
  count = loadAll(readFileSync(file, 'utf8')).length;
} else throw new Error(`unknown stage ${stage}`);
const ms = performance.now() - t0;
console.log(JSON.stringify({ stage, ms, count }));
