// Envoy and the annotation set: what its output cannot enforce closes the route.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderEnvoy } from '../../src/emit/envoy/index.js';
import { ingress, modelOf } from '../helpers.js';

const A = 'nginx.ingress.kubernetes.io/';
const OPTIONS = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };

test('routes with access annotations Envoy cannot enforce answer 503, with a finding', () => {
  const cases: Record<string, string>[] = [{ [`${A}allowlist-source-range`]: '10.0.0.0/8' }, { [`${A}auth-type`]: 'basic', [`${A}auth-secret`]: 'missing' }];
  for (const annotations of cases) {
    const r = renderEnvoy(modelOf(ingress('a', 'a.test', [['/x', 'Prefix', 'svc']], { annotations })), OPTIONS);
    const y = r.files[0].content;
    assert.match(y, /name: "a\.test\/x \(Prefix\)"\n\s+match:\n\s+path_separated_prefix: "\/x"\n\s+direct_response:\n\s+status: 503/);
    assert.ok(r.findings.some((f) => f.ruleId === 'target-unsupported' && /answers 503 instead of going unprotected/.test(f.message) && f.file === 'test.yaml'));
  }
});

test('--compat ingress-nginx plain string prefixes are Envoy prefixes', () => {
  const r = renderEnvoy(modelOf(ingress('a', 'a.test', [['/foo', 'ImplementationSpecific', 'svc']]), { compat: 'ingress-nginx' }), OPTIONS);
  assert.match(r.files[0].content, /match:\n\s+prefix: "\/foo"\n\s+route:/);
});

test.run();
