// The Gateway emitters take the redirect and the listen address from the shared plan.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { planGatewayRedirect } from '../../src/emit/plan.js';
import { renderGatewayHaproxy } from '../../src/gateway/emit-haproxy.js';
import { renderGatewayNginx } from '../../src/gateway/emit-nginx.js';
import { renderGatewayEnvoy } from '../../src/gateway/emit-envoy.js';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { gatewayFixture, gatewayName } from '../cases/gateway-cases.js';

const http = { port: 8080, protocol: 'HTTP' as const };
const https = { port: 443, protocol: 'HTTPS' as const };

test('redirect: the listener scheme and port when none is given', () => {
  assert.equal(planGatewayRedirect({ statusCode: 302 }, http), { scheme: 'http', port: 8080, statusCode: 302 });
  assert.equal(planGatewayRedirect({ statusCode: 302 }, https), { scheme: 'https', statusCode: 302 });
});

test('redirect: a scheme alone takes its well-known port, left out of the Location', () => {
  assert.equal(planGatewayRedirect({ scheme: 'https', statusCode: 301 }, http), { scheme: 'https', statusCode: 301 });
  assert.equal(planGatewayRedirect({ scheme: 'http', port: 8443, statusCode: 301 }, https), { scheme: 'http', port: 8443, statusCode: 301 });
});

test('redirect: a value that bypassed the model is refused', () => {
  assert.match(planGatewayRedirect({ hostname: 'a b', statusCode: 302 }, http).problem ?? '', /not a DNS name/);
  assert.match(planGatewayRedirect({ path: { type: 'ReplaceFullPath', value: '/x"y' }, statusCode: 302 }, http).problem ?? '', /not a URL path/);
});

const model = resolve(loadInputs([gatewayFixture]).documents, { gatewayClass: 'ingressctl' });
const gateway = model.gateways!.find((g) => `${g.namespace}/${g.name}` === gatewayName)!;
const ports = { httpPort: 80, httpsPort: 443, mapPorts: new Map([[8080, 8080]]) };

for (const [target, render] of [['haproxy', renderGatewayHaproxy], ['nginx', renderGatewayNginx]] as const) {
  test(`${target}: --listen-address is checked by the plan (not an IP: reported, 127.0.0.1 used)`, () => {
    const r = render(model, gateway, { ...ports, listenAddress: 'evil;host' });
    assert.ok(r.findings.some((f) => f.ruleId === 'target-unsafe-value' && /listen-address/.test(f.message)));
    const main = String(r.files[0].content);
    assert.not.match(main, /evil/);
    assert.match(main, /127\.0\.0\.1:80/);
    const ok = render(model, gateway, { ...ports, listenAddress: '::1' });
    assert.ok(!ok.findings.some((f) => /listen-address/.test(f.message)));
    assert.match(String(ok.files[0].content), /\[::1\]:80/);
  });
}

test('envoy: --listen-address is checked by the plan too', () => {
  const r = renderGatewayEnvoy(model, gateway, { ...ports, resolver: '10.96.0.10', listenAddress: 'evil;host' });
  assert.ok(r.findings.some((f) => f.ruleId === 'target-unsafe-value' && /listen-address/.test(f.message)));
  const main = String(r.files[0].content);
  assert.not.match(main, /evil/);
  assert.match(main, /127\.0\.0\.1/);
});

test.run();
