// require() of a file that only some inputs need (the Gateway API validators), with the V8 code
// cache the build writes beside it (FILE.cache, scripts/code-cache.cjs): start-up then does not
// compile its functions again. Without a cache (run from source) it is a plain require; a cache
// V8 rejects (another Node version) is ignored and the code compiled as usual.
import { readFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export function requireCached(file: string): unknown {
  let cachedData: Buffer;
  try {
    cachedData = readFileSync(file + '.cache');
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file);
  }
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {} as unknown };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}
