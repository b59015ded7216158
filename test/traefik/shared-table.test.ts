// The shared routing table (test/cases/routing-cases.ts) on the rendered Traefik
// configuration, evaluated with Traefik's documented rule syntax, priorities and path handling.
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cases, routingFixture } from '../cases/routing-cases.js';
import { modelOfFixture } from '../envoy/routing.js';
import { ROOT } from '../helpers.js';
import { traefikMismatches } from './routing.js';

const rows = cases.map((c) => ({ scheme: c.scheme, host: c.host, path: c.path, expected: c.expect }));
const model = () => modelOfFixture(join(ROOT, routingFixture));

/**
 * What Traefik cannot do as the model does, each said by `render --target traefik` (an info
 * finding) and the support matrix: its permanent redirect is 301 to GET (308 to other
 * methods), and it drops ".." above the root instead of refusing the path.
 */
const isKnownApproximation = (m: { row: { path: string; expected: string }; traefik: string }) =>
  (m.row.expected.startsWith('308 ') && m.traefik === `301 ${m.row.expected.slice(4)}`) || (m.row.path === '/../foo' && m.traefik === 'default/foo:80');

test(`traefik: every row of the shared table (${rows.length}) routes as the model says, but the known approximations`, () => {
  const mismatches = traefikMismatches(model(), rows);
  for (const m of mismatches) assert.is(m.model, m.row.expected, `the model disagrees with the row ${m.row.path}`);
  const unexplained = mismatches.filter((m) => !isKnownApproximation(m));
  assert.equal(unexplained.map((m) => `${m.row.scheme}://${m.row.host}${m.row.path}: expected ${m.row.expected}, traefik ${m.traefik}`), []);
  // the approximations are there (and so are checked), not vacuous
  assert.ok(mismatches.some((m) => m.row.path === '/../foo'));
  assert.ok(mismatches.some((m) => m.row.expected.startsWith('308 ')));
});

test('traefik: the same table on other ports: the redirect names the HTTPS port', () => {
  const options = { httpPort: 8080, httpsPort: 8443, resolver: '10.96.0.10' };
  const ported = rows.map((r) => ({ ...r, expected: r.expected.replace(/^308 https:\/\/([^/]+)/, '308 https://$1:8443') }));
  const unexplained = traefikMismatches(model(), ported, options).filter((m) => !isKnownApproximation(m));
  assert.equal(unexplained.map((m) => `${m.row.path}: expected ${m.row.expected}, traefik ${m.traefik}`), []);
});

test.run();
