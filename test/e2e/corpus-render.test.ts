// ../shared/corpus: every file that lints clean renders to configs the real engines accept
// (nginx -t, haproxy -c), and render never crashes on any file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findBinary } from '../../src/engines/real-engine.js';
import { ROOT, cli } from '../helpers.js';
import { removeScratch, scratch } from './nginx-engine.js';

const corpus = join(ROOT, '..', 'shared', 'corpus');
const files = existsSync(corpus) ? readdirSync(corpus).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];
const engines = { nginx: findBinary('nginx'), haproxy: findBinary('haproxy') };
const required = process.env.INGRESSCTL_REQUIRE_ENGINES === '1';

const check = {
  nginx: (dir: string) => spawnSync(engines.nginx!, ['-t', '-q', '-p', dir + '/', '-c', 'nginx.conf'], { encoding: 'utf8', timeout: 30_000 }),
  haproxy: (dir: string) => spawnSync(engines.haproxy!, ['-c', '-q', '-f', 'haproxy.cfg'], { cwd: dir, encoding: 'utf8', timeout: 30_000 }),
};

if (!files.length) {
  console.log('  skipped: ../shared/corpus is not present');
  test.skip('corpus renders', () => {});
} else {
  for (const target of ['nginx', 'haproxy'] as const) {
    if (!engines[target] && !required) {
      console.log(`  skipped: ${target} is not installed (INGRESSCTL_REQUIRE_ENGINES=1 makes this a failure)`);
      test.skip(`corpus on ${target}`, () => {});
      continue;
    }
    test(`corpus: every file that lints clean renders to a config ${target} accepts`, async () => {
      assert.ok(engines[target], `${target} is required but not installed`);
      const failures: string[] = [];
      let clean = 0;
      const dir = scratch();
      try {
        for (const [i, f] of files.entries()) {
          const path = join(corpus, f);
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
      assert.ok(clean > 50, `only ${clean} corpus files lint clean`);
      assert.equal(failures, []);
    });
  }
}

test.run();
