// The Gateway API routing table on the model (explain and serve decide with the same GatewayMatcher).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GatewayMatcher } from '../../src/gateway/match.js';
import { answerHeaders } from '../../src/gateway/filters-apply.js';
import { formatBackend } from '../../src/model/backends.js';
import { isRedirect, type Decision } from '../../src/model/match.js';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { gatewayCases, gatewayFixture, gatewayName, type GatewayCase } from '../cases/gateway-cases.js';

const model = resolve(loadInputs([gatewayFixture]).documents, { gatewayClass: 'ingressctl' });
const gateway = model.gateways!.find((g) => `${g.namespace}/${g.name}` === gatewayName)!;
const matcher = new GatewayMatcher(gateway);

export function outcome(d: Decision): string {
  if (isRedirect(d)) return `${d.status} ${d.location}`;
  if (d.status === 200 && d.weights) return `split ${d.weights.map((w) => `${w.invalid || !w.backend ? '500' : formatBackend(w.backend)}:${w.weight}`).join(' ')}`;
  if (d.status === 200) return formatBackend(d.backend);
  return String(d.status);
}

function request(c: GatewayCase) {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.headers ?? {})) headers[k.toLowerCase()] = v;
  return { scheme: c.scheme, host: c.host, target: c.path, method: c.method ?? 'GET', headers, port: c.port, ...(c.sni ? { sni: c.sni } : {}) };
}

test('--gateway-class keeps the Gateways of that class only', () => {
  assert.equal(model.gateways!.map((g) => g.name), ['gw']);
  const all = resolve(loadInputs([gatewayFixture]).documents, {});
  assert.equal(all.gateways!.map((g) => g.name), ['gw', 'other']);
});

test('the fixture resolves without findings but the three it holds on purpose: a backendRef no ReferenceGrant allows, an HTTPRoute/GRPCRoute conflict, a ResponseHeaderModifier on CORS headers', () => {
  assert.equal(model.findings.map((f) => `${f.ruleId} ${f.severity} ${f.file}:${f.line}`), ['gateway-route-conflict warning fixtures/gateway-routing/grpc.yaml:37', 'gateway-cors-header-modifier warning fixtures/gateway-routing/cors.yaml:54', 'gateway-ref-not-permitted error fixtures/gateway-routing/filters.yaml:55']);
});

for (const c of gatewayCases) {
  test(`gateway: ${c.rule} (${c.method ?? 'GET'} ${c.scheme}://${c.host}:${c.port}${c.path})`, () => {
    for (const explain of [false, true]) {
      const d = matcher.match(request(c), explain);
      assert.is(outcome(d), c.expect, d.reason);
      if (c.upstream) {
        assert.ok(d.status === 200 && d.upstream, 'an upstream request');
        const u = (d as Extract<Decision, { status: 200 }>).upstream!;
        if (c.upstream.path !== undefined) assert.is(u.path, c.upstream.path);
        if (c.upstream.host !== undefined) assert.is(u.host, c.upstream.host);
        for (const [k, v] of Object.entries(c.upstream.headers ?? {})) assert.is(u.headers[k], v ?? undefined, k);
      }
      if (c.responseHeaders) {
        // the answer's own headers: CORS, then the ResponseHeaderModifiers (the one order every target follows)
        const answer = answerHeaders(d.headers, d.status === 200 ? d.responseHeaders : []);
        for (const [k, v] of Object.entries(c.responseHeaders)) assert.is(answer[k] ?? null, v, k);
      }
    }
  });
}

test('an HTTPRoute and a GRPCRoute on one hostname: the newer is rejected and reported', () => {
  const s = model.routeStatus!.find((x) => x.name === 'conflict-grpc')!;
  assert.is(s.parents[0].conditions[0].status, 'False');
  assert.is(s.parents[0].conditions[0].reason, 'HostnameConflict');
});

test('route status: Accepted and ResolvedRefs with the spec reasons', () => {
  const status = (ns: string, name: string) => model.routeStatus!.find((s) => s.namespace === ns && s.name === name)!.parents[0].conditions.map((c) => `${c.type}=${c.status}/${c.reason}`);
  assert.equal(status('default', 'paths'), ['Accepted=True/Accepted', 'ResolvedRefs=True/ResolvedRefs']);
  assert.equal(status('default', 'outside'), ['Accepted=False/NoMatchingListenerHostname', 'ResolvedRefs=True/ResolvedRefs']);
  assert.equal(status('team-b', 'team-b'), ['Accepted=False/NotAllowedByListeners', 'ResolvedRefs=True/ResolvedRefs']);
  assert.is(status('default', 'filters')[1].split('/')[0], 'ResolvedRefs=False');
});

test('explain names a wildcard that matched more than one label', () => {
  const d = matcher.match({ scheme: 'http', host: 'b.a.wild.example.com', target: '/', port: 80 }, true);
  assert.match(d.reason, /matched 2 labels/);
});

test.run();
