import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, ingress } from '../helpers.js';

const A = 'nginx.ingress.kubernetes.io/';
const yaml =
  ingress('main', 'shop.test', [['/', 'Prefix', 'stable']], { annotations: { [`${A}allowlist-source-range`]: '10.0.0.0/8', [`${A}limit-rps`]: '4' } }) +
  ingress('canary', 'shop.test', [['/', 'Prefix', 'preview']], { annotations: { [`${A}canary`]: 'true', [`${A}canary-weight`]: '25', [`${A}canary-by-header`]: 'X-Canary', [`${A}canary-by-cookie`]: 'beta' } });

test('explain: a weighted canary is reported as a split; -H and cookies decide it', async () => {
  const split = await cli(['explain', 'http://shop.test/', '-'], yaml);
  assert.match(split.stdout, /→ default\/stable:80 75% \/ default\/preview:80 25% \(canary\)/);
  const json = JSON.parse((await cli(['explain', 'http://shop.test/', '-', '-o', 'json'], yaml)).stdout);
  assert.equal([json.backend.service, json.split.canary.service, json.split.weight, json.split.total], ['stable', 'preview', 25, 100]);
  const header = await cli(['explain', 'http://shop.test/', '-', '-H', 'X-Canary: always'], yaml);
  assert.match(header.stdout, /→ default\/preview:80 .*\n.*header X-Canary is "always"/);
  const cookie = await cli(['explain', 'http://shop.test/', '-', '-H', 'Cookie: a=1; beta=never'], yaml);
  assert.match(cookie.stdout, /→ default\/stable:80 \(shop\.test\/ \(Prefix\)\)\n.*cookie beta is "never"/);
});

test('explain: --client-ip judges source ranges; without it they are listed', async () => {
  assert.match((await cli(['explain', 'http://shop.test/', '-', '--client-ip', '192.0.2.1'], yaml)).stdout, /→ 403\n\s+why: .*client 192\.0\.2\.1 is not in allowlist-source-range 10\.0\.0\.0\/8/);
  const listed = await cli(['explain', 'http://shop.test/', '-'], yaml);
  assert.match(listed.stdout, /note: source ranges: only from 10\.0\.0\.0\/8 \(403 otherwise/);
  assert.match(listed.stdout, /note: rate limits per client address: 4 requests\/s \(burst 20\); 503 beyond/);
  assert.is((await cli(['explain', 'http://shop.test/', '-', '--client-ip', '10.0.0.300'], yaml)).code, 2);
});

test('--compat ingress-nginx on routes, explain and diff', async () => {
  const y = ingress('a', 'c.test', [['/foo', 'ImplementationSpecific', 'foo']]);
  const diff = await cli(['diff', '--old-compat', 'ingress-nginx', 'fixtures/routing/regex.yaml', 'fixtures/routing/regex.yaml', '-o', 'json']);
  const changes = JSON.parse(diff.stdout).outcomes as { request: string; before: string; after: string }[];
  assert.ok(changes.length > 0 && changes.every((c) => c.before !== c.after), diff.stdout);
  assert.match((await cli(['routes', '-', '--compat', 'ingress-nginx'], y)).stdout, /\/foo\s+StringPrefix/);
  assert.match((await cli(['explain', 'http://c.test/foobar', '-', '--compat', 'ingress-nginx'], y)).stdout, /→ default\/foo:80/);
  assert.match((await cli(['explain', 'http://c.test/foobar', '-'], y)).stdout, /→ 404/);
});

test.run();
