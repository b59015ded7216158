// HAProxy and the annotation set (what the emitter does today): access it cannot enforce
// closes the route; --compat plain string prefixes are path prefixes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderHaproxy } from '../../src/emit/haproxy/render.js';
import { ingress, modelOf } from '../helpers.js';

const A = 'nginx.ingress.kubernetes.io/';
const OPTIONS = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };

test('routes with access annotations HAProxy cannot enforce answer 503, with a finding', () => {
  const m = modelOf(ingress('a', 'a.test', [['/x', 'Prefix', 'svc']], { annotations: { [`${A}denylist-source-range`]: '10.0.0.0/8' } }) + ingress('b', 'a.test', [['/y', 'Prefix', 'svc']]));
  const r = renderHaproxy(m, OPTIONS);
  const cfg = r.files[0].content;
  assert.match(cfg, /nowhere to send requests: source ranges \(allowlist-\/denylist-source-range\) are not rendered for HAProxy\n\s+http-request return status 503/);
  assert.equal(r.findings.filter((f) => /instead of going unprotected/.test(f.message)).map((f) => [f.file, f.severity]), [['test.yaml', 'error']]);
  // the other route to the same Service is served normally
  assert.match(cfg, /backend default_svc_80_2\n(?:(?!backend )[\s\S])*server dns svc\.default/);
});

test('--compat ingress-nginx: a plain string prefix is path -m beg', () => {
  const r = renderHaproxy(modelOf(ingress('a', 'a.test', [['/foo', 'ImplementationSpecific', 'svc']]), { compat: 'ingress-nginx' }), OPTIONS);
  assert.match(r.files[0].content, /path -m beg \/foo/);
});

test.run();
