// render --gateway --target nginx: manifest values through the serializer, values nginx
// cannot read refused with a finding (never an internal error), unsupported features reported.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderGatewayNginx } from '../../src/gateway/emit-nginx.js';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { nginxAccepts, NGINX } from '../e2e/nginx-engine.js';
import { testNeeding } from '../needs.js';
import { gatewayFixture, gatewayName } from '../cases/gateway-cases.js';

const fresh = () => {
  const model = resolve(loadInputs([gatewayFixture]).documents, { gatewayClass: 'ingressctl' });
  return { model, gateway: model.gateways!.find((g) => `${g.namespace}/${g.name}` === gatewayName)! };
};
const ports = { httpPort: 80, httpsPort: 443, mapPorts: new Map([[8080, 8080]]) };
const routeAt = (g: ReturnType<typeof fresh>['gateway'], path: string) => g.listeners.flatMap((l) => l.hosts.flatMap((v) => v.routes)).find((r) => r.match.value === path)!;

test('a "$" of a header value is written as ${ingressctl_dollar} (a map value expands variables)', () => {
  const { model, gateway } = fresh();
  routeAt(gateway, '/headers').filters!.requestHeaders!.set = [{ name: 'x-set', value: 'a$host' }];
  const conf = String(renderGatewayNginx(model, gateway, ports).files[0].content);
  assert.match(conf, /"a\$\{ingressctl_dollar\}host"/);
  assert.not.match(conf, /"a\$host"/);
});

test('a value nginx cannot read in one token: the route answers 500, with an error finding at it', () => {
  const { model, gateway } = fresh();
  const r = routeAt(gateway, '/headers');
  r.filters!.requestHeaders!.set = [{ name: 'x-set', value: 'v'.repeat(5000) }];
  const out = renderGatewayNginx(model, gateway, ports);
  const f = out.findings.find((x) => x.severity === 'error' && /x-set/.test(x.message));
  assert.ok(f, JSON.stringify(out.findings.map((x) => x.message)));
  assert.match(f!.message, /answers 500/);
  assert.not.match(String(out.files[0].content), /vvvvvvvvvv/);
});

test('GRPCRoutes are reported at their routes; the CORS filter is rendered, not reported', () => {
  const { model, gateway } = fresh();
  const out = renderGatewayNginx(model, gateway, ports);
  assert.ok(out.findings.some((f) => f.ruleId === 'target-unsupported' && /GRPCRoute/.test(f.message) && f.file?.endsWith('grpc.yaml') && (f.line ?? 0) > 0));
  assert.not.ok(out.findings.some((f) => /CORS/.test(f.message)), out.findings.map((f) => f.message).join('\n'));
  assert.match(String(out.files[0].content), /add_header Access-Control-Allow-Origin \$gw_cors_80_allow_origin always;/);
});

test('a "$" in a CORS filter value is written as ${ingressctl_dollar}; one nginx cannot read: the route answers 500, reported', () => {
  const { model, gateway } = fresh();
  const r = routeAt(gateway, '/any-credentials');
  r.policy = { ...r.policy, cors: { ...r.policy.cors!, methods: 'GET, $host' } };
  let conf = String(renderGatewayNginx(model, gateway, ports).files[0].content);
  assert.match(conf, /"GET, \$\{ingressctl_dollar\}host"/);
  r.policy = { ...r.policy, cors: { ...r.policy.cors!, methods: 'GET\nX-Injected: 1' } };
  const out = renderGatewayNginx(model, gateway, ports);
  conf = String(out.files[0].content);
  assert.ok(out.findings.some((f) => f.severity === 'error' && /CORS/.test(f.message) && /answers 500/.test(f.message)), out.findings.map((f) => f.message).join('\n'));
  assert.not.match(conf, /X-Injected/);
});

testNeeding(test, 'nginx', !!NGINX, 'nginx -t accepts the Gateway fixture on every listener port', () => {
  const { model, gateway } = fresh();
  const check = nginxAccepts(renderGatewayNginx(model, gateway, { ...ports, httpPort: 18080, httpsPort: 18443, mapPorts: new Map([[8080, 18081]]) }).files);
  assert.ok(check.ok, check.output);
});

test.run();
