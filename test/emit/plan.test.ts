// The shared per-target plan: each decision every emitter needs is taken once, and a value
// that bypassed the model is refused there, with one rule id for every target.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emitters } from '../../src/emit/index.js';
import { planTarget } from '../../src/emit/plan.js';
import type { Target } from '../../src/emit/types.js';
import { Matcher } from '../../src/model/match.js';
import { ingress, modelOf } from '../helpers.js';

const A = 'nginx.ingress.kubernetes.io/';
const OPTIONS = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };
const TARGETS: Target[] = ['nginx', 'haproxy', 'envoy'];
const tlsSecret = '---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/tls\ndata: {tls.crt: "", tls.key: ""}\n';

test('the HTTPS redirect and the default backend are the Matcher\'s decisions', () => {
  const m = modelOf(
    ingress('a', 'a.test', [['/', 'Prefix', 'app']], { tls: 's' }) +
      ingress('b', 'b.test', [['/', 'Prefix', 'app']], { tls: 's', annotations: { [A + 'ssl-redirect']: 'false' } }) +
      ingress('c', 'c.test', [['/', 'Prefix', 'app']], { annotations: { [A + 'force-ssl-redirect']: 'true' } }) +
      ingress('d', 'd.test', [['/', 'Prefix', 'app']]) +
      tlsSecret,
  );
  const plan = planTarget(m, 'nginx', {});
  const matcher = new Matcher(m);
  for (const v of m.hosts) {
    const r = v.routes[0];
    const d = matcher.match({ scheme: 'http', host: v.host, target: '/' });
    assert.is(plan.routes.get(r)!.httpsRedirect, d.status === 308, v.host);
  }
  assert.equal([...plan.routes.values()].map((d) => d.httpsRedirect), [true, false, true, false]);
});

test('default-backend: the plan sends a route whose backend has nowhere to go to the fallback, as the Matcher does', () => {
  const svc = '---\napiVersion: v1\nkind: Service\nmetadata: {name: fb}\nspec: {ports: [{port: 80}]}\n';
  const named = ingress('a', 'a.test', [['/', 'Prefix', 'app']], { annotations: { [A + 'default-backend']: 'fb' } }).replace('number: 80', 'name: http');
  const m = modelOf(named + svc);
  const r = m.hosts[0].routes[0];
  assert.is(r.backend.upstream.kind, 'unresolved');
  const d = planTarget(m, 'haproxy', {}).routes.get(r)!;
  assert.is(d.reaches.service, 'fb');
  const seen = new Matcher(m).match({ scheme: 'http', host: 'a.test', target: '/' });
  assert.is(seen.status === 200 && seen.backend.service, 'fb');
});

test('a header value or listen address that bypassed the model is refused once, with target-unsafe-value, by every target', () => {
  for (const target of TARGETS) {
    const m = modelOf(ingress('a', 'a.test', [['/x', 'Prefix', 'app'], ['/y', 'Prefix', 'app']], { annotations: { [A + 'upstream-vhost']: 'in.test', [A + 'x-forwarded-prefix']: '/p', [A + 'affinity']: 'cookie' } }));
    const policy = { ...m.hosts[0].routes[0].policy, upstreamHost: 'in.test"\r\nX-Injected: 1', forwardedPrefix: '/p$host', affinity: { cookieName: 'a;b' } };
    for (const r of m.hosts[0].routes) r.policy = policy;
    const r = emitters[target]!(m, { ...OPTIONS, listenAddress: 'localhost; rm -rf' });
    const unsafe = r.findings.filter((f) => f.ruleId === 'target-unsafe-value');
    const about = (what: string) => unsafe.filter((f) => f.message.includes(what));
    for (const what of ['upstream-vhost', 'x-forwarded-prefix', 'session-cookie-name', '--listen-address']) assert.is(about(what).length, 1, `${target}: ${what}: ${JSON.stringify(unsafe.map((f) => f.message))}`);
    assert.ok(unsafe.every((f) => f.message.startsWith(`${target}: `) && f.severity === 'error'), target);
    const main = r.files.find((f) => f.path === r.mainFile)!.content;
    for (const bad of ['X-Injected', '/p$host', 'a;b', 'rm -rf']) assert.not.ok(main.includes(bad), `${target}: ${bad}`);
    assert.match(main, /127\.0\.0\.1/);
  }
});

test.run();
