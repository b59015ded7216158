// In dist/, the parse worker's bundle requires js-yaml by path (dist/js-yaml.js, see
// scripts/build.mjs). Loaded here first, as dist/cli.js loads it on the main thread: with the
// V8 code cache the build wrote beside it, put in require's cache for the bundle's require to
// find. Run from the TypeScript sources there is no such file, and nothing is done.
import { readFileSync } from 'node:fs';
import { Module, createRequire, wrap } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

const file = join(__dirname, 'js-yaml.js');
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(file + '.cache');
} catch {
  cachedData = undefined;
}
if (cachedData) {
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = [];
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, __dirname);
  mod.loaded = true;
  require.cache[file] = mod;
}
