// The canary as HTTPRoute features (src/model/canary-features.ts): sibling routes with header
// and cookie conditions before the base route, and weighted backends on it, decide every
// request as the canary itself does, in ingress-nginx's order (header, cookie, weight).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { canaryFeatures } from '../../src/model/canary-features.js';
import { Matcher } from '../../src/model/match.js';
import type { RouteModel } from '../../src/model/types.js';
import { formatBackend } from '../../src/model/backends.js';
import { ingress, modelOf } from '../helpers.js';

const A = 'nginx.ingress.kubernetes.io/';

/** The model with the canary, and the same model with its canary as conditions and weights. */
function both(canary: Record<string, string>): [RouteModel, RouteModel] {
  const yaml = ingress('main', 'foo.com', [['/app', 'Prefix', 'main']]) + ingress('can', 'foo.com', [['/app', 'Prefix', 'canary']], { annotations: { [`${A}canary`]: 'true', ...canary } });
  const old = modelOf(yaml);
  const unified = modelOf(yaml);
  const v = unified.hosts[0];
  const i = v.routes.findIndex((r) => r.canary);
  const { canary: c, ...base } = v.routes[i];
  const f = canaryFeatures(base, c!);
  v.routes.splice(i, 1, ...f.siblings, { ...base, backends: f.backends });
  return [old, unified];
}

const HEADERS: Record<string, string>[] = [
  {},
  { 'x-canary': 'always' },
  { 'x-canary': 'never' },
  { 'x-canary': 'Always' },
  { 'x-canary': 'v2' },
  { 'x-canary': 'v12' },
  { 'x-canary': 'xv12y' },
  { cookie: 'cc=always' },
  { cookie: 'a=1; cc=never' },
  { cookie: 'cc=sometimes' },
  { cookie: 'cc=never; cc=always' },
  { 'x-canary': 'never', cookie: 'cc=always' },
  { 'x-canary': 'other', cookie: 'cc=always' },
  { 'x-canary': 'always', cookie: 'cc=never' },
];
const DRAWS = [0, 0.05, 0.19, 0.2, 0.21, 0.33, 0.34, 0.5, 0.66, 0.67, 0.79, 0.8, 0.99];

const CASES: [string, Record<string, string>][] = [
  ['header always/never, weight 20%', { [`${A}canary-by-header`]: 'X-Canary', [`${A}canary-weight`]: '20' }],
  ['header value and cookie, no weight', { [`${A}canary-by-header`]: 'X-Canary', [`${A}canary-by-header-value`]: 'v2', [`${A}canary-by-cookie`]: 'cc' }],
  ['header pattern, weight 1 of 3', { [`${A}canary-by-header`]: 'X-Canary', [`${A}canary-by-header-pattern`]: '^v[0-9]{2}$', [`${A}canary-weight`]: '1', [`${A}canary-weight-total`]: '3' }],
  ['header pattern matching anywhere', { [`${A}canary-by-header`]: 'X-Canary', [`${A}canary-by-header-pattern`]: 'v1' }],
  ['cookie, every request by weight', { [`${A}canary-by-cookie`]: 'cc', [`${A}canary-weight`]: '100' }],
  ['weight only, 50%', { [`${A}canary-weight`]: '50' }],
  ['weight 0', { [`${A}canary-weight`]: '0' }],
];

test('every request and every draw reaches the same backend as with the canary', () => {
  let compared = 0;
  for (const [what, annotations] of CASES) {
    const [old, unified] = both(annotations);
    for (const headers of HEADERS) {
      for (const r of DRAWS) {
        const req = { scheme: 'http' as const, host: 'foo.com', target: '/app/x', headers };
        const a = new Matcher(old, { random: () => r }).match(req);
        const b = new Matcher(unified, { random: () => r }).match(req);
        const name = (d: typeof a) => (d.status === 200 ? formatBackend(d.backend) : String(d.status));
        assert.is(name(b), name(a), `${what}: ${JSON.stringify(headers)}, draw ${r}`);
        compared++;
      }
    }
  }
  assert.is(compared, CASES.length * HEADERS.length * DRAWS.length);
});

test('the siblings come right before the base route, canary decisions by header then cookie', () => {
  const [, unified] = both({ [`${A}canary-by-header`]: 'X-Canary', [`${A}canary-by-cookie`]: 'cc', [`${A}canary-weight`]: '10' });
  const routes = unified.hosts[0].routes;
  assert.equal(routes.map((r) => [r.conditions ?? null, formatBackend(r.backend)]), [
    [{ headers: [{ name: 'x-canary', type: 'Exact', value: 'always' }] }, 'default/canary:80'],
    [{ headers: [{ name: 'x-canary', type: 'Exact', value: 'never' }] }, 'default/main:80'],
    [{ cookies: [{ name: 'cc', type: 'Exact', value: 'always' }] }, 'default/canary:80'],
    [{ cookies: [{ name: 'cc', type: 'Exact', value: 'never' }] }, 'default/main:80'],
    [null, 'default/main:80'],
  ]);
  assert.equal(routes[4].backends?.map((b) => [formatBackend(b.backend!), b.weight]), [['default/canary:80', 10], ['default/main:80', 90]]);
});

test.run();
