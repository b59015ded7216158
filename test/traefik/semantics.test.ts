// The semantics a Traefik configuration must not copy naively (issue: render --target
// traefik), one test each, on the rendered rules and through the evaluator.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTraefik } from '../../src/emit/traefik/index.js';
import { matcher, ruleLiteral, traefikYaml, unwritable } from '../../src/emit/traefik/quote.js';
import { ingress, modelOf } from '../helpers.js';
import { EMIT_DEFAULTS } from '../envoy/routing.js';
import { evaluate } from './evaluate.js';
import { routingForm } from '../../src/emit/traefik/paths.js';
import { parse } from 'yaml';
import { parseRule } from './rule.js';
import { renderedTraefik, traefikOutcome } from './routing.js';
import type { RouteModel } from '../../src/model/types.js';

const A = 'nginx.ingress.kubernetes.io/';
const outcomeOf = (model: RouteModel, url: string, extra: Record<string, unknown> = {}) => {
  const m = /^(https?):\/\/([^/]+)(.*)$/.exec(url)!;
  return traefikOutcome(renderedTraefik(model).dynamic, { scheme: m[1] as 'http', host: m[2], target: m[3] || '/', ...extra });
};
const routersOf = (model: RouteModel) => Object.entries<any>(renderedTraefik(model).dynamic.http.routers);

test("Prefix /foo is Path(`/foo`) || PathPrefix(`/foo/`): Traefik's PathPrefix alone would match /foobar", () => {
  const model = modelOf(ingress('i', 'a.example.com', [['/foo', 'Prefix', 'foo']]));
  const rule = routersOf(model).find(([n]) => n.includes('foo'))![1].rule;
  assert.is(rule, '(Host(`a.example.com`)) && ((Path(`/foo`)) || (PathPrefix(`/foo/`)))');
  assert.is(outcomeOf(model, 'http://a.example.com/foo'), 'default/foo:80');
  assert.is(outcomeOf(model, 'http://a.example.com/foo/x'), 'default/foo:80');
  assert.is(outcomeOf(model, 'http://a.example.com/foobar'), '404');
});

test('priorities come from the model\'s precedence, never from the rule length Traefik would use', () => {
  const model = modelOf(
    ingress('long', 'a-very-long-host-name-for-the-regex-route.example.com', [['/api/v[0-9]+/(users|groups|accounts)', 'ImplementationSpecific', 'regex']], { annotations: { [`${A}use-regex`]: 'true' } }) +
      ingress('short', undefined, [['/api/v1/users/admin', 'Prefix', 'admin']]),
  );
  const { dynamic } = renderedTraefik(model);
  const web = Object.entries<any>(dynamic.http.routers).filter(([, r]) => r.entryPoints[0] === 'web');
  const priorities = web.map(([, r]) => r.priority);
  assert.equal(priorities, [...priorities].sort((a, b) => b - a), 'priorities follow the model order');
  // host-less /api/v1/users/admin loses to nothing; the exact host's regex wins on its host only
  assert.is(outcomeOf(model, 'http://a-very-long-host-name-for-the-regex-route.example.com/api/v1/users'), 'default/regex:80');
  assert.is(outcomeOf(model, 'http://other.example.com/api/v1/users/admin'), 'default/admin:80');
  // with Traefik's default (rule length) the same routers would order differently
  const byLength = [...web].sort((a, b) => b[1].rule.length - a[1].rule.length).map(([n]) => n);
  assert.not.equal(byLength, web.map(([n]) => n));
});

test('a wildcard matches exactly one label (HostRegexp anchored to one label)', () => {
  const model = modelOf(ingress('w', '*.foo.com', [['/', 'Prefix', 'wild']]) + ingress('any', undefined, [['/', 'Prefix', 'anyhost']]));
  assert.is(outcomeOf(model, 'http://bar.foo.com/x'), 'default/wild:80');
  assert.is(outcomeOf(model, 'http://BAR.Foo.com./x'), 'default/wild:80');
  assert.is(outcomeOf(model, 'http://baz.bar.foo.com/x'), 'default/anyhost:80');
  assert.is(outcomeOf(model, 'http://foo.com/x'), 'default/anyhost:80');
  assert.ok(routersOf(model).some(([, r]) => r.rule.includes('HostRegexp(`^[^.]+\\.foo\\.com\\.?$`)')));
});

test('case: the Host is case-insensitive, paths are case-sensitive, regex paths case-insensitive ((?i))', () => {
  const model = modelOf(ingress('c', 'cafe.example.com', [['/tea', 'Prefix', 'tea']]) + ingress('r', 'cafe.example.com', [['/re[a-z]+', 'ImplementationSpecific', 'regex']], { annotations: { [`${A}use-regex`]: 'true' } }));
  assert.is(outcomeOf(model, 'http://CAFE.Example.COM/tea'), 'default/tea:80');
  assert.is(outcomeOf(model, 'http://cafe.example.com/TEA'), '404');
  assert.is(outcomeOf(model, 'http://cafe.example.com/REX'), 'default/regex:80');
  assert.ok(routersOf(model).some(([, r]) => r.rule.includes('PathRegexp(`(?i)^/re[a-z]+`)')));
});

test('TLS: plain HTTP answered by redirectScheme on web (HTTPS port), websecure routers with tls, certificates listed, a default certificate', () => {
  const model = modelOf(ingress('t', 'secure.example.com', [['/', 'Prefix', 'secure']], { tls: 'missing-secret' }));
  const { dynamic } = renderedTraefik(model, { ...EMIT_DEFAULTS, httpsPort: 8443 });
  const web = Object.values<any>(dynamic.http.routers).find((r) => r.entryPoints[0] === 'web' && r.rule.includes('secure'));
  assert.equal(dynamic.http.middlewares[web.middlewares[0]], { redirectScheme: { scheme: 'https', permanent: true, port: '8443' } });
  assert.ok(Object.values<any>(dynamic.http.routers).filter((r) => r.entryPoints[0] === 'websecure').every((r) => JSON.stringify(r.tls) === '{}'));
  assert.equal(dynamic.tls.stores.default.defaultCertificate, { certFile: 'certs/fallback.crt', keyFile: 'certs/fallback.key' });
  const a = evaluate(dynamic, { scheme: 'http', host: 'secure.example.com:8080', target: '/a?b=1', method: 'POST' });
  assert.equal([a.status, 'location' in a ? a.location : ''], [308, 'https://secure.example.com:8443/a?b=1']);
});

test('default backends: the host\'s own, then the catch-all, else 404; a named host never falls through to host-less rules', () => {
  const yaml = ingress('h', 'h.example.com', [['/app', 'Prefix', 'app']]) + ingress('any', undefined, [['/', 'Prefix', 'anyhost']]);
  const model = modelOf(yaml);
  assert.is(outcomeOf(model, 'http://h.example.com/other'), '404');
  assert.is(outcomeOf(model, 'http://x.example.com/other'), 'default/anyhost:80');
  const withCatchAll = modelOf(yaml, { defaultBackend: { namespace: 'default', service: 'fallback', port: 80 } });
  assert.is(outcomeOf(withCatchAll, 'http://h.example.com/other'), 'default/fallback:80');
  const last = routersOf(withCatchAll).filter(([, r]) => r.entryPoints[0] === 'web').sort((a, b) => a[1].priority - b[1].priority)[0];
  assert.is(last[1].priority, 1);
});

test('paths the model refuses are refused (400) before any router; the query takes no part', () => {
  const model = modelOf(ingress('p', 'p.example.com', [['/', 'Prefix', 'root']]));
  for (const p of ['/a%2Fb', '/a%2fb', '/a%5Cb', '/a\\b', '/a%00']) assert.is(outcomeOf(model, `http://p.example.com${p}`), '400', p);
  assert.is(outcomeOf(model, 'http://p.example.com/a?next=%2F'), 'default/root:80');
  assert.is(outcomeOf(model, 'http://p.example.com/x/%2E%2E//a'), 'default/root:80');
});

test('annotations become middlewares from the typed policy', () => {
  const model = modelOf(
    ingress('m', 'm.example.com', [['/s(/|$)(.*)', 'ImplementationSpecific', 'main']], {
      annotations: {
        [`${A}rewrite-target`]: '/$2',
        [`${A}upstream-vhost`]: 'internal.example',
        [`${A}x-forwarded-prefix`]: '/s',
        [`${A}proxy-body-size`]: '8k',
        [`${A}limit-rps`]: '5',
        [`${A}denylist-source-range`]: '10.0.0.0/8',
        [`${A}allowlist-source-range`]: '10.1.0.0/16, 192.168.0.0/16',
        [`${A}affinity`]: 'cookie',
        [`${A}session-cookie-name`]: 'route',
      },
    }),
  );
  const { dynamic } = renderedTraefik(model);
  const mws = Object.values<any>(dynamic.http.middlewares);
  assert.ok(mws.some((m) => m.buffering?.maxRequestBodyBytes === 8192));
  assert.ok(mws.some((m) => m.rateLimit?.average === 5 && m.rateLimit.burst === 26));
  assert.ok(mws.some((m) => JSON.stringify(m.ipAllowList?.sourceRange) === JSON.stringify(['10.1.0.0/16', '192.168.0.0/16'])));
  assert.ok(Object.values<any>(dynamic.http.services).some((s) => s.loadBalancer?.sticky?.cookie?.name === 'route'));
  const ok = evaluate(dynamic, { scheme: 'http', host: 'm.example.com', target: '/s/x/y', clientIp: '192.168.1.1' });
  assert.equal(ok.status === 200 && 'upstreamPath' in ok ? [ok.upstreamPath, ok.upstreamHost, ok.upstreamHeaders['x-forwarded-prefix']] : ok, ['/x/y', 'internal.example', '/s']);
  assert.is(evaluate(dynamic, { scheme: 'http', host: 'm.example.com', target: '/s/x', clientIp: '10.1.2.3' }).status, 403, 'denied before allowed');
  assert.is(evaluate(dynamic, { scheme: 'http', host: 'm.example.com', target: '/s/x', clientIp: '172.16.0.1' }).status, 403, 'not in the allow list');
  assert.is(evaluate(dynamic, { scheme: 'http', host: 'm.example.com', target: '/s/x', clientIp: '192.168.1.1', headers: { 'content-length': '9000' } }).status, 413);
});

test('canary: header, then cookie, then a weighted service', () => {
  const model = modelOf(
    ingress('main', 'c.example.com', [['/', 'Prefix', 'main']]) +
      ingress('canary', 'c.example.com', [['/', 'Prefix', 'canary']], { annotations: { [`${A}canary`]: 'true', [`${A}canary-by-header`]: 'X-Canary', [`${A}canary-by-cookie`]: 'beta', [`${A}canary-weight`]: '30' } }),
  );
  const at = (headers: Record<string, string>, draw = 0.5) => traefikOutcome(renderedTraefik(model).dynamic, { scheme: 'http', host: 'c.example.com', target: '/', headers }, { random: () => draw });
  assert.is(at({ 'x-canary': 'always' }), 'default/canary:80');
  assert.is(at({ 'x-canary': 'never', cookie: 'beta=always' }), 'default/main:80');
  assert.is(at({ cookie: 'a=1; beta=always' }), 'default/canary:80');
  assert.is(at({}, 0.1), 'default/canary:80');
  assert.is(at({}, 0.5), 'default/main:80');
  assert.ok(Object.values<any>(renderedTraefik(model).dynamic.http.services).some((s) => s.weighted?.services.map((w: any) => w.weight).join() === '30,70'));
});

test('quoting: a value is one rule argument whatever it holds, and one YAML string', () => {
  for (const v of ['/a`b', 'x) || Host(`evil`', '&& !', '"quoted" \\ back']) {
    const tree = parseRule(matcher('Header', 'X-A', v));
    assert.equal(tree, { op: 'call', name: 'Header', args: ['X-A', v] });
  }
  assert.is(ruleLiteral('a`b'), '"a`b"');
  assert.ok(unwritable('a\nb'));
  assert.throws(() => ruleLiteral('a\u0000'));
  const doc = { a: 'on', b: '0755', c: 'x: y - z', d: '#not a comment', e: '*alias', f: "it's", g: 'café ✓' };
  assert.equal(parse(traefikYaml(doc)), doc);
  assert.throws(() => traefikYaml({ a: 'x\n- y' }), /control character/);
  assert.throws(() => traefikYaml({ a: 'x\u2028y' }), /control character/);
  assert.throws(() => traefikYaml({ 'bad key': 'x' }), /unexpected key/);
});

test('rule paths are written as Traefik\'s matchers see paths: reserved escapes kept, others decoded, impossible ones kept impossible', () => {
  assert.is(routingForm('/caf%C3%A9/a%20b'), '/café/a b');
  assert.is(routingForm('/p%3Fq%2F'), '/p%3Fq%2F');
  assert.is(routingForm('/%66oo'), '/%66oo'); // the model's canonical path never holds %66: neither does Traefik's
  assert.is(routingForm('/caf%c3%a9'), '/caf%c3%a9');
  assert.is(routingForm('/bad%C3'), undefined);
  assert.is(routingForm('/nl%0A'), undefined);
});

test('render --target traefik: findings name the manifest field', () => {
  const model = modelOf(ingress('r', 'r.example.com', [['/', 'Prefix', 'svc']], { annotations: { [`${A}permanent-redirect`]: 'https://x.example.com/', [`${A}permanent-redirect-code`]: '308' } }));
  const r = renderTraefik(model, EMIT_DEFAULTS);
  const f = r.findings.find((x) => /permanent-redirect answers 308 in the model; Traefik answers 301 to GET/.test(x.message));
  assert.ok(f?.path?.includes('permanent-redirect') && f.line! > 0, JSON.stringify(r.findings));
});

test.run();
