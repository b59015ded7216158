// An Ingress of an apiVersion no Kubernetes release serves (a typo, networking.k8s.io/v2, the
// core group, none at all) is left out with an error, never skipped without a word as if it
// were another kind: routes and render exit 1. A custom resource named Ingress (a group
// with a dot, not *.k8s.io) is another API and stays silent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from '../helpers.js';

const CAFE = readFileSync(join(ROOT, 'fixtures/cafe/cafe-ingress.yaml'), 'utf8');

for (const [what, yaml, where, text] of [
  ['networking.k8s.io/v2', CAFE.replace('networking.k8s.io/v1', 'networking.k8s.io/v2'), '1:13', 'apiVersion networking.k8s.io/v2'],
  ['the core group v1', CAFE.replace('networking.k8s.io/v1', 'v1'), '1:13', 'apiVersion v1'],
  ['no apiVersion', CAFE.replace('apiVersion: networking.k8s.io/v1\n', ''), '1:1', 'no apiVersion'],
] as const) {
  test(`an Ingress with ${what}: routes and render say so and exit 1`, async () => {
    for (const argv of [['routes', '-'], ['render', '-']]) {
      const r = await cli(argv, yaml);
      assert.is(r.code, 1, `${argv[0]}: ${r.stderr}`);
      assert.ok(r.stderr.includes(`<stdin>:${where}: error: Ingress with ${text}: no Kubernetes release serves it; this Ingress is left out [removed-api]\n`), r.stderr);
    }
  });
}

test('a custom resource of kind Ingress is another API: no finding', async () => {
  const r = await cli(['routes', '-'], CAFE.replace('networking.k8s.io/v1', 'voyager.appscode.com/v1beta1'));
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr, /removed-api/);
});

test.run();
