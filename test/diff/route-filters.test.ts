// diff's route-level changes include the route filters the redirect and rewrite annotations became.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffRoutes } from '../../src/diff/route-diff.js';
import { ingress, modelOf } from '../helpers.js';

const A = 'nginx.ingress.kubernetes.io/';
const one = (annotations: Record<string, string>) => modelOf(ingress('a', 'foo.com', [['/x', 'Prefix', 'svc']], { annotations }));

test('a changed permanent-redirect URL or rewrite-target is a changed route (its filters)', () => {
  const redirect = diffRoutes(one({ [`${A}permanent-redirect`]: 'https://a.example/' }), one({ [`${A}permanent-redirect`]: 'https://b.example/' }));
  assert.equal(redirect.map((c) => `${c.change} ${c.what}`), ['changed Prefix /x filters']);
  assert.match(JSON.stringify(redirect[0]), /b\.example/);
  const rewrite = diffRoutes(one({ [`${A}rewrite-target`]: '/one' }), one({ [`${A}rewrite-target`]: '/two' }));
  assert.equal(rewrite.map((c) => `${c.change} ${c.what}`), ['changed Prefix /x filters']);
  assert.equal(diffRoutes(one({ [`${A}rewrite-target`]: '/one' }), one({ [`${A}rewrite-target`]: '/one' })), []);
});

test.run();
