// The ingress-nginx annotations that are Gateway API features resolve into the same model
// features (issue 13): permanent-/temporal-redirect into the route's RequestRedirect filter.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isRedirect, Matcher } from '../../src/model/match.js';
import { fixedLocation } from '../../src/model/redirect.js';
import { ingress, modelOf } from '../helpers.js';

const A = 'nginx.ingress.kubernetes.io/';
const redirectOf = (annotations: Record<string, string>) => modelOf(ingress('a', 'foo.com', [['/x', 'Prefix', 'svc']], { annotations })).hosts[0].routes[0];

function location(annotations: Record<string, string>, target = '/x/y?q=1'): { status: number; location?: string } {
  const d = new Matcher(modelOf(ingress('a', 'foo.com', [['/x', 'Prefix', 'svc']], { annotations }))).match({ scheme: 'https', host: 'foo.com', target });
  return isRedirect(d) ? { status: d.status, location: d.location } : { status: d.status };
}

test('permanent-redirect is the route filter RequestRedirect, every part fixed, the policy has no redirect of its own', () => {
  const r = redirectOf({ [`${A}permanent-redirect`]: 'https://new.example:8443/a/b?c=d' });
  assert.equal(r.filters?.redirect, { scheme: 'https', hostname: 'new.example', port: 8443, path: { type: 'ReplaceFullPath', value: '/a/b' }, statusCode: 301, fixed: { query: '?c=d', annotation: 'permanent-redirect' } });
  assert.not.ok('redirect' in r.policy);
});

test('temporal-redirect wins over permanent-redirect; the -code annotations set the status', () => {
  const r = redirectOf({ [`${A}permanent-redirect`]: 'https://p.example/', [`${A}temporal-redirect`]: 'http://t.example/t', [`${A}temporal-redirect-code`]: '307' });
  assert.equal(r.filters?.redirect?.statusCode, 307);
  assert.equal(r.filters?.redirect?.fixed?.annotation, 'temporal-redirect');
  assert.is(location({ [`${A}permanent-redirect`]: 'https://p.example/', [`${A}permanent-redirect-code`]: '308' }).status, 308);
});

test('the Location is the URL exactly as written: nothing from the request (path, query), a path-less URL stays path-less, a written port stays', () => {
  for (const url of ['https://new.example', 'https://New.Example/A?b=1', 'http://new.example:80/p', 'https://[2001:db8::1]/v6', 'https://new.example/p?']) {
    assert.equal(location({ [`${A}permanent-redirect`]: url }), { status: 301, location: url }, url);
    assert.is(fixedLocation(redirectOf({ [`${A}permanent-redirect`]: url }).filters!.redirect!), url);
  }
});

test("an Ingress's default backend carries its redirect filter too", () => {
  const yaml = ingress('a', 'foo.com', [['/x', 'Prefix', 'svc']], { annotations: { [`${A}permanent-redirect`]: 'https://new.example/' } }).replace('spec:\n', 'spec:\n  defaultBackend:\n    service:\n      name: dflt\n      port:\n        number: 80\n');
  const m = modelOf(yaml);
  assert.is(m.hosts[0].defaultBackend?.filters?.redirect?.fixed?.annotation, 'permanent-redirect');
  const d = new Matcher(m).match({ scheme: 'https', host: 'foo.com', target: '/elsewhere' });
  assert.equal(isRedirect(d) && [d.status, d.location], [301, 'https://new.example/']);
});

test.run();
