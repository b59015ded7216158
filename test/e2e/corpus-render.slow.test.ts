// ../shared/corpus: every file that lints clean renders to configs the real engines accept
// (nginx -t, haproxy -c), and render never crashes on any file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findBinary } from '../../src/engines/real-engine.js';
import { CORPUS, corpusFiles } from '../corpus.js';
import { cli } from '../helpers.js';
import { suiteNeeding } from '../needs.js';
import { removeScratch, scratch } from './nginx-engine.js';

const files = corpusFiles;
const engines = { nginx: findBinary('nginx'), haproxy: findBinary('haproxy') };

const check = {
  nginx: (dir: string) => spawnSync(engines.nginx!, ['-t', '-q', '-p', dir + '/', '-c', 'nginx.conf'], { encoding: 'utf8', timeout: 30_000 }),
  haproxy: (dir: string) => spawnSync(engines.haproxy!, ['-c', '-q', '-f', 'haproxy.cfg'], { cwd: dir, encoding: 'utf8', timeout: 30_000 }),
};

for (const target of ['nginx', 'haproxy'] as const) {
  // needs the engine (test/needs.ts) and the corpus (test/corpus.ts)
  const it = suiteNeeding(test, files.length ? target : `${target} and ${CORPUS}`, !!engines[target] && files.length > 0);
  it(`corpus: every file that lints clean renders to a config ${target} accepts`, async () => {
    const failures: string[] = [];
    let clean = 0;
    const dir = scratch();
    try {
      for (const [i, f] of files.entries()) {
        const path = join(CORPUS, f);
        const out = join(dir, `${target}-${i}`);
        const lint = await cli(['lint', path, '--format', 'json']);
        const render = await cli(['render', path, '--target', target, '-o', out]);
        if (render.code > 2 || /internal error/.test(render.stderr)) failures.push(`${f}: render exited ${render.code}: ${render.stderr.split('\n').filter((l) => !/: (warning|info): /.test(l)).join('\n').slice(0, 400)}`);
        if (lint.code !== 0) continue;
        clean++;
        if (render.code === 2) {
          failures.push(`${f}: lints clean but render refused it: ${render.stderr.slice(0, 200)}`);
          continue;
        }
        const r = check[target](out);
        if (r.status !== 0) failures.push(`${f}: ${target} refused the render: ${(r.stdout + r.stderr).slice(0, 300)}`);
        removeScratch(out);
      }
    } finally {
      removeScratch(dir);
    }
    console.log(`  corpus on ${target}: ${files.length} files ran, ${clean} lint clean and were checked by ${target}`);
    assert.ok(clean > 50, `only ${clean} corpus files lint clean`);
    assert.equal(failures, []);
  });
}

test.run();
