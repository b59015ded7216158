// Nothing shipped or generated points outside the repository: no ../shared, no DESIGN.md
// (it exists only beside the original checkout); every relative link of the README and
// docs/ names a file that exists.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ROOT, cli } from '../helpers.js';

const OUTSIDE = /\.\.\/shared|DESIGN\.md/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test('README, docs, sources, fixtures and golden outputs never point outside the repository', () => {
  const roots = ['README.md', 'docs', 'src', 'fixtures', 'schemas', 'bin', 'scripts', 'test/golden'].map((p) => join(ROOT, p));
  const files = roots.flatMap((p) => (statSync(p).isDirectory() ? filesUnder(p) : [p])).filter((f) => !/\.(png|pem|der|key|crt)$/.test(f));
  const offending = files.filter((f) => OUTSIDE.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
  assert.ok(files.length > 100, `${files.length} files read`);
  assert.equal(offending, []);
});

test('generated configurations of every target name nothing outside the repository', async () => {
  for (const target of ['nginx', 'haproxy', 'envoy', 'traefik', 'gateway-api']) {
    const r = await cli(['render', 'fixtures/cafe', '--target', target]);
    assert.not.match(r.stdout, OUTSIDE, target);
  }
});

test('every relative link in README.md and docs/*.md names an existing file', () => {
  const docs = [join(ROOT, 'README.md'), ...filesUnder(join(ROOT, 'docs')).filter((f) => f.endsWith('.md'))];
  const missing: string[] = [];
  for (const doc of docs) {
    for (const m of readFileSync(doc, 'utf8').matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)[^)]*\)/g)) {
      if (!existsSync(join(dirname(doc), m[1]))) missing.push(`${relative(ROOT, doc)}: ${m[1]}`);
    }
  }
  assert.equal(missing, []);
});

test.run();
