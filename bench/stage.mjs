// One measurement in a fresh process: node bench/stage.mjs <stage> <file>
// stages: pipeline (load+validate+resolve), yaml (parseAllDocuments), js-yaml (loadAll),
// emit (pipeline, then one target's emitter: node bench/stage.mjs emit <file> <target>)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const [stage, file, target] = process.argv.slice(2);

const t0 = performance.now();
let count = 0;
if (stage === 'pipeline') {
  const { loadInputs, resolve } = require('../dist/index.js');
  const load = loadInputs([file]);
  const model = resolve(load.documents);
  count = model.hosts.reduce((n, h) => n + h.routes.length, 0);
} else if (stage === 'emit') {
  // the pipeline's time is `ms`, the emitter's `emitMs`, so one process gives both sides
  const { loadInputs, resolve, emitters } = require('../dist/index.js');
  const model = resolve(loadInputs([file]).documents);
  const pipelineMs = performance.now() - t0;
  const result = emitters[target](model, { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' });
  const emitMs = performance.now() - t0 - pipelineMs;
  const main = result.files.find((f) => f.path === result.mainFile).content;
  console.log(JSON.stringify({ stage, ms: pipelineMs, emitMs, mb: Buffer.byteLength(main) / 1048576 }));
  process.exit(0);
} else if (stage === 'yaml') {
  const { parseAllDocuments } = require('yaml');
  count = parseAllDocuments(readFileSync(file, 'utf8')).length;
} else if (stage === 'js-yaml') {
  const { loadAll } = require('js-yaml');
  count = loadAll(readFileSync(file, 'utf8')).length;
} else throw new Error(`unknown stage ${stage}`);
const ms = performance.now() - t0;
console.log(JSON.stringify({ stage, ms, count }));
