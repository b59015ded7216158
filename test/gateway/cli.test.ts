// routes and explain on Gateway API input, through the CLI.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli } from '../helpers.js';
import { testNeeding } from '../needs.js';
import { findBinary } from '../../src/engines/real-engine.js';

const F = 'fixtures/gateway-routing';

/**
 * filters.yaml refers to Service team-b/team-b with no ReferenceGrant in team-b (a case of the
 * routing table: that share answers 500). That is an error finding, as a missing Service is for
 * an Ingress: every command on the folder names it and exits 1, its output printed all the same.
 */
function exitsOneForTheRefusedRef(r: { code: number; stdout: string; stderr: string }): void {
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /fixtures\/gateway-routing\/filters\.yaml:55:\d+: error: HTTPRoute default\/filters may not refer to Service team-b\/team-b: no ReferenceGrant in namespace team-b allows it; its share of the traffic answers 500 \[gateway-ref-not-permitted\]/);
}

test('explain --gateway -o json: listener, rule, upstream after filters', async () => {
  const r = await cli(['explain', 'http://filters.example.com/api/users?id=7', F, '--gateway', 'default/gw', '-H', 'X-Trace: 1', '-o', 'json']);
  exitsOneForTheRefusedRef(r);
  const j = JSON.parse(r.stdout);
  assert.is(j.status, 200);
  assert.equal(j.backend, { namespace: 'default', service: 'rewrite', port: 80 });
  assert.equal(j.listener, { name: 'http', port: 80, protocol: 'HTTP', hostname: null });
  assert.equal(j.rule.field, 'spec.rules[3].matches[0]');
  assert.equal(j.upstream, { path: '/users?id=7', host: 'internal.example.com', headers: { 'x-trace': '1', host: 'internal.example.com' } });
  assert.ok(j.candidates.some((c: any) => c.matched && /takes precedence \(the longer PathPrefix comes first\)/.test(c.reason)));
});

test('explain: several Gateways and no --gateway: exit 2 listing them', async () => {
  const r = await cli(['explain', 'http://paths.example.com/', F]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /default\/gw, default\/other/);
});

test('explain: the only Gateway (after --gateway-class) is used; the URL port picks the listener', async () => {
  const r = await cli(['explain', 'http://any.example.net:8080/', F, '--gateway-class', 'ingressctl', '-o', 'json']);
  exitsOneForTheRefusedRef(r);
  assert.equal(JSON.parse(r.stdout).backend, { namespace: 'team-a', service: 'team-a', port: 80 });
});

test('explain: a redirect filter and an HTTPS SNI mismatch (421)', async () => {
  const a = JSON.parse((await cli(['explain', 'http://filters.example.com/to-https/x', F, '--gateway', 'gw', '-o', 'json'])).stdout);
  assert.is(a.status, 301);
  assert.is(a.location, 'https://filters.example.com/to-https/x');
  const b = JSON.parse((await cli(['explain', 'https://a.secure.example.com/', F, '--gateway', 'gw', '-H', 'Host: b.secure.example.com', '-o', 'json'])).stdout);
  assert.is(b.status, 421);
});

test('explain grpc://HOST/SERVICE/METHOD: a gRPC call routed by service and method', async () => {
  const r = await cli(['explain', 'grpc://grpc.example.com/shop.Cart/Checkout', F, '--gateway', 'default/gw', '-o', 'json']);
  exitsOneForTheRefusedRef(r);
  const j = JSON.parse(r.stdout);
  assert.equal(j.backend, { namespace: 'default', service: 'grpc-checkout', port: 50051 });
  assert.is(j.rule.route, 'default/grpc');
});

test('test --gateway: the spec passes on the model and serve (response headers, weight shares)', async () => {
  const r = await cli(['test', 'fixtures/specs/gateway.yaml', F, '--gateway', 'default/gw', '--engine', 'all', '--format', 'json']);
  exitsOneForTheRefusedRef(r);
  const { results } = JSON.parse(r.stdout);
  const by = (engine: string, outcome: string) => results.filter((x: any) => x.engine === engine && x.outcome === outcome).length;
  assert.is(by('model', 'pass'), 7);
  assert.is(by('serve', 'pass'), 7);
});

for (const engine of ['nginx', 'haproxy'] as const) {
  testNeeding(test, engine, !!findBinary(engine), `test --gateway --engine ${engine}: the spec passes on the real proxy (every listener on a free local port)`, async () => {
    const r = await cli(['test', 'fixtures/specs/gateway.yaml', F, '--gateway', 'default/gw', '--engine', engine, '--format', 'json']);
    exitsOneForTheRefusedRef(r);
    const { results } = JSON.parse(r.stdout);
    assert.is(results.filter((x: any) => x.engine === engine && x.outcome === 'pass').length, 7, r.stdout);
    // the weight shares are sampled on the proxy, not left unchecked
    const half = results.find((x: any) => x.engine === engine && /half/.test(x.name ?? ''));
    assert.ok(half && !(half.unchecked ?? []).includes('weights'), JSON.stringify(half));
  });
}

test('test: a wrong weight share fails on the model and on serve', async () => {
  const spec = 'tests:\n  - request: http://filters.example.com/half\n    expect: { weights: { weighted:80: 0.9 } }\n';
  const r = await cli(['test', '-', F, '--gateway', 'default/gw', '--engine', 'all'], spec);
  assert.is(r.code, 1);
  assert.match(r.stdout, /model\s+FAIL/);
  assert.match(r.stdout, /serve\s+FAIL/);
  assert.match(r.stdout, /weights: expected default\/weighted:80 0\.9, got default\/weighted:80 0\.5/);
});

test('diff: Gateway routes paired by listener, host and match; probe requests whose outcome changes', async () => {
  const r = await cli(['diff', 'fixtures/diff/gateway-weights/old', 'fixtures/diff/gateway-weights/new', '-o', 'json']);
  assert.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const routes = j.routes;
  assert.ok(Array.isArray(routes), r.stdout);
  assert.ok(routes.some((c: any) => c.change === 'changed' && /PathPrefix \/api backends/.test(c.what) && /api-v2:80 10%/.test(c.after)));
  assert.ok(routes.some((c: any) => c.change === 'added' && /header x-beta=1/.test(c.what)));
  const outcomes = j.outcomes;
  assert.ok(outcomes.some((o: any) => /x-beta: 1/.test(o.request) && /api-v2/.test(o.after)));
});

test('serve: two listener ports on one local port, or a Gateway listener on the Ingress port: exit 2 naming --map-port', async () => {
  const a = await cli(['serve', F, '--gateway', 'default/gw', '--http-port', '9999', '--map-port', '8080=9999', '--no-watch']);
  assert.is(a.code, 2);
  assert.match(a.stderr, /listener ports 80 and 8080 would both bind local port 9999; give one its own with --map-port 8080=LOCAL/);
  const b = await cli(['serve', F, 'fixtures/cafe', '--gateway', 'default/gw', '--http-port', '9998', '--no-watch']);
  assert.is(b.code, 2);
  assert.match(b.stderr, /listener port 80 of Gateway default\/gw would bind local port 9998, which the Ingress routes use \(--http-port\); give the listener another port with --map-port 80=LOCAL/);
  const c = await cli(['serve', F, '--gateway', 'default/gw', '--map-port', '80=x']);
  assert.is(c.code, 2);
  assert.match(c.stderr, /--map-port must be LISTENER_PORT=LOCAL_PORT/);
});

test('describe: each Gateway with its listeners and each route with its computed status conditions', async () => {
  const r = await cli(['describe', F, '--gateway-class', 'ingressctl']);
  exitsOneForTheRefusedRef(r);
  assert.match(r.stdout, /Name:\s+gw\nNamespace:\s+default\nKind:\s+Gateway\nGateway Class:\s+ingressctl/);
  assert.match(r.stdout, /Hostname:\s+\*\.wild\.example\.com\n\s+Attached Routes:\s+2 \(HTTPRoute default\/wild, HTTPRoute default\/wild-two\)/);
  assert.match(r.stdout, /Name:\s+team-b\n[\s\S]*?Accepted\s+False\s+NotAllowedByListeners/);
  assert.match(r.stdout, /Name:\s+conflict-grpc\n[\s\S]*?Accepted\s+False\s+HostnameConflict/);
});

test('explain says when a Gateway API wildcard matched more than one label', async () => {
  const r = await cli(['explain', 'http://b.a.wild.example.com/', F, '--gateway', 'default/gw']);
  assert.match(r.stdout, /wildcard \*\.wild\.example\.com matched 2 labels/);
});

test('routes: Gateway rows with listener, port, match, filters, weighted backends, origin', async () => {
  const r = await cli(['routes', F, '--gateway-class', 'ingressctl']);
  exitsOneForTheRefusedRef(r);
  assert.match(r.stdout, /GATEWAY\s+LISTENER\s+PORT\s+HOST\s+MATCH\s+FILTERS\s+BACKENDS\s+ORIGIN/);
  assert.match(r.stdout, /default\/gw\s+http\s+80 HTTP\s+filters\.example\.com\s+PathPrefix \/half\s+-\s+default\/weighted:80 50%, 500 \(Service default\/no-such-service is not in the input\) 50%\s+default\/filters fixtures\/gateway-routing\/filters\.yaml:46/);
  assert.match(r.stdout, /PathPrefix \/ \(header x-a=1, header x-b=1\)/);
  assert.match(r.stdout, /PathPrefix \/cors\s+cors https:\/\/\*\.example\.org credentials\s+default\/filters:80/, 'the CORS filter is named in FILTERS');
  const j = JSON.parse((await cli(['routes', F, '--gateway-class', 'ingressctl', '-o', 'json'])).stdout);
  assert.is(j.gateways[0].listeners.length, 5);
  assert.ok(j.routeStatus.some((s: any) => s.name === 'team-b' && s.parents[0].conditions[0].reason === 'NotAllowedByListeners'));
});

test('unsupported Gateway API kinds and fields are reported at file:line', async () => {
  const r = await cli(['routes', 'fixtures/gateway-unsupported']);
  assert.match(r.stderr, /unsupported\.yaml:16:\d+: warning: gateway\.networking\.k8s\.io\/v1alpha2 TCPRoute is not supported by ingressctl/);
  assert.match(r.stderr, /the RequestMirror filter is not supported/);
  assert.match(r.stderr, /rules\[\]\.timeouts is not supported/);
  assert.match(r.stderr, /listener protocol "TCP" is not supported/);
});

test.run();
