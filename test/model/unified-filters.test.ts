// The ingress-nginx annotations that are Gateway API features resolve into the same model
// features (issue 13): permanent-/temporal-redirect into the route's RequestRedirect filter,
// rewrite-target into its URLRewrite (or, where ingress-nginx's rewrite says more, RegexRewrite).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isRedirect, Matcher } from '../../src/model/match.js';
import { fixedLocation } from '../../src/model/redirect.js';
import { upstreamPath } from '../../src/model/rewrite.js';
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

function upstream(paths: [string, string, string][], annotations: Record<string, string>, target: string): string | number {
  const m = modelOf(ingress('a', 'foo.com', paths, { annotations }));
  const d = new Matcher(m).match({ scheme: 'http', host: 'foo.com', target });
  return d.status === 200 ? upstreamPath(d.route, d.path, target) : d.status;
}

test('rewrite-target without captures is the route filter URLRewrite ReplaceFullPath: every path of the route becomes the target', () => {
  const r = modelOf(ingress('a', 'foo.com', [['/api', 'Prefix', 'svc'], ['/exact', 'Exact', 'svc']], { annotations: { [`${A}rewrite-target`]: '/new' } })).hosts[0].routes;
  for (const route of r) assert.equal(route.filters?.rewrite, { path: { type: 'ReplaceFullPath', value: '/new' } }, route.id);
  assert.not.ok('rewriteTarget' in r[0].policy);
  for (const path of ['/api', '/api/', '/api/x/y']) assert.is(upstream([['/api', 'Prefix', 'svc']], { [`${A}rewrite-target`]: '/new' }, path), '/new', path);
});

test('rewrite-target with captures, or with a query, stays ingress-nginx\'s regex rewrite (RegexRewrite): $1… from the regex path', () => {
  const a = { [`${A}rewrite-target`]: '/$2' };
  const route = modelOf(ingress('a', 'foo.com', [['/s(/|$)(.*)', 'ImplementationSpecific', 'svc']], { annotations: a })).hosts[0].routes[0];
  assert.equal(route.filters?.rewrite?.path, { type: 'RegexRewrite', value: '/$2' });
  assert.is(upstream([['/s(/|$)(.*)', 'ImplementationSpecific', 'svc']], a, '/s/x/y'), '/x/y');
  assert.is(upstream([['/s(/|$)(.*)', 'ImplementationSpecific', 'svc']], a, '/s'), '/');
  const q = modelOf(ingress('a', 'foo.com', [['/q', 'Prefix', 'svc']], { annotations: { [`${A}rewrite-target`]: '/new?x=1' } })).hosts[0].routes[0];
  assert.is(q.filters?.rewrite?.path?.type, 'RegexRewrite');
});

test('a Prefix path with a trailing slash: its regex does not match the path without it, so that one is not rewritten (RegexRewrite, not ReplaceFullPath)', () => {
  const a = { [`${A}rewrite-target`]: '/new' };
  const route = modelOf(ingress('a', 'foo.com', [['/foo/', 'Prefix', 'svc']], { annotations: a })).hosts[0].routes[0];
  assert.equal(route.filters?.rewrite?.path, { type: 'RegexRewrite', value: '/new' });
  assert.is(upstream([['/foo/', 'Prefix', 'svc']], a, '/foo'), '/foo');
  assert.is(upstream([['/foo/', 'Prefix', 'svc']], a, '/foo/x'), '/new');
});

test("rewrite-target does not rewrite for the Ingress's default backend; its redirect filter is the routes' (one object)", () => {
  const yaml = ingress('a', 'foo.com', [['/x', 'Prefix', 'svc'], ['/y', 'Prefix', 'svc']], { annotations: { [`${A}rewrite-target`]: '/new' } }).replace('spec:\n', 'spec:\n  defaultBackend:\n    service:\n      name: dflt\n      port:\n        number: 80\n');
  const m = modelOf(yaml);
  assert.is(m.hosts[0].defaultBackend?.filters, undefined);
  const r = modelOf(ingress('a', 'foo.com', [['/x', 'Prefix', 'svc'], ['/y', 'Prefix', 'svc']], { annotations: { [`${A}permanent-redirect`]: 'https://n.example/' } })).hosts[0].routes;
  assert.ok(r[0].filters === r[1].filters);
});

test.run();
