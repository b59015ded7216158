// The Gateway API routing table on the Envoy configuration `render --gateway --target envoy`
// writes, run through the Envoy evaluator (test/envoy/evaluate.ts), as the Ingress table is.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { renderGatewayEnvoy } from '../../src/gateway/emit-envoy.js';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { evaluate, type EnvoyAnswer } from '../envoy/evaluate.js';
import { validateBootstrap } from '../envoy/validate.js';
import { gatewayCases, gatewayFixture, gatewayName, type GatewayCase } from '../cases/gateway-cases.js';

const model = resolve(loadInputs([gatewayFixture]).documents, { gatewayClass: 'ingressctl' });
const gateway = model.gateways!.find((g) => `${g.namespace}/${g.name}` === gatewayName)!;
// listener ports as written: the evaluator is told the port each request arrives on
const result = renderGatewayEnvoy(model, gateway, { httpPort: 80, httpsPort: 443, mapPorts: new Map([[8080, 8080]]), resolver: '10.96.0.10' });
const bootstrap = parse(result.files.find((f) => f.path === 'envoy.yaml')!.content);
const OPTIONS = { httpPort: 80, httpsPort: 443 };

function ask(c: GatewayCase, random?: () => number): EnvoyAnswer {
  const headers: Record<string, string> = { ...c.headers };
  return evaluate(bootstrap, { scheme: c.scheme, host: c.host, target: c.path, method: c.method ?? 'GET', headers, port: c.port, ...(c.sni ? { sni: c.sni } : {}) }, { ...OPTIONS, ...(random ? { random } : {}) });
}

const outcome = (a: EnvoyAnswer) => (a.status === 200 && 'cluster' in a ? a.cluster.split('~')[0] : 'location' in a ? `${a.status} ${a.location}` : String(a.status));

test('the Envoy configuration of the Gateway passes Envoy\'s API definitions (PGV rules)', () => {
  assert.equal(validateBootstrap(bootstrap), []);
});

let ran = 0;
for (const c of gatewayCases) {
  test(`envoy gateway: ${c.rule}`, () => {
    if (c.expect.startsWith('split')) {
      // the two ends of the draw: the first weighted entry, and the last (an invalid share: 500)
      assert.is(outcome(ask(c, () => 0)), c.expect.split(' ')[1].replace(/:\d+$/, ''));
      assert.is(outcome(ask(c, () => 0.999)), c.expect.split(' ')[2].replace(/:\d+$/, ''));
      ran++;
      return;
    }
    const a = ask(c);
    if (a.status === 0) {
      assert.is(c.expect, '404', 'no listener on that port: nothing to connect to');
      return;
    }
    ran++;
    assert.is(outcome(a), c.expect, 'reason' in a ? String(a.reason) : '');
    if (c.upstream && a.status === 200 && 'cluster' in a) {
      const q = c.path.indexOf('?');
      if (c.upstream.path !== undefined) assert.is(a.upstreamPath + (q === -1 ? '' : c.path.slice(q)), c.upstream.path);
      if (c.upstream.host !== undefined) assert.is(a.upstreamHost ?? c.host, c.upstream.host);
      for (const [k, v] of Object.entries(c.upstream.headers ?? {})) assert.is(a.upstreamRequestHeaders?.[k], v ?? undefined, k);
    }
    for (const [k, v] of Object.entries(c.responseHeaders ?? {})) assert.is(a.headers?.[k], v ?? undefined, k);
  });
}

test('most rows ran on the evaluator', () => {
  console.log(`  envoy gateway table: ${ran} of ${gatewayCases.length} rows evaluated`);
  assert.ok(ran >= gatewayCases.length - 6, `ran ${ran}`);
});

test.run();
