// explain on a canary'd route: the Matcher decides it by its features (canaryFeatures), so
// the reason names the condition that held, or the draw, in the words it uses for an
// HTTPRoute's matches and backendRefs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Matcher, type Decision, type Request } from '../../src/model/match.js';
import { GatewayMatcher } from '../../src/gateway/match.js';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { ingress, modelOf } from '../helpers.js';

const A = 'nginx.ingress.kubernetes.io/';
const yaml = (annotations: Record<string, string>) =>
  ingress('main', 'shop.test', [['/', 'Prefix', 'stable']]) + ingress('can', 'shop.test', [['/', 'Prefix', 'preview']], { annotations: { [`${A}canary`]: 'true', ...annotations } });

function explain(annotations: Record<string, string>, headers: Record<string, string>, random?: () => number): Decision {
  const req: Request = { scheme: 'http', host: 'shop.test', target: '/', headers };
  return new Matcher(modelOf(yaml(annotations)), random ? { random } : {}).match(req, true);
}

const byHeader = { [`${A}canary-by-header`]: 'X-Canary', [`${A}canary-by-cookie`]: 'beta', [`${A}canary-weight`]: '30' };

test('the header condition that held, the header spelled as the annotation wrote it', () => {
  const d = explain(byHeader, { 'x-canary': 'always' });
  assert.ok(d.status === 200 && d.backend.service === 'preview');
  assert.match(d.reason, /; header X-Canary is "always", so the canary Ingress default\/can answers$/);
  assert.equal(d.status === 200 && d.canary, { to: 'canary', reason: 'header X-Canary is "always"' });
});

test('a header pattern: the value and the RegularExpression it matched', () => {
  const d = explain({ [`${A}canary-by-header`]: 'X-Ver', [`${A}canary-by-header-pattern`]: 'v[23]' }, { 'x-ver': 'app-v3' });
  assert.match(d.reason, /; header X-Ver "app-v3" matches \.\*\(\?:v\[23\]\)\.\*, so the canary Ingress default\/can answers$/);
});

test('a cookie "never" keeps the main backend when the header says nothing', () => {
  const d = explain(byHeader, { 'x-canary': 'other', cookie: 'a=1; beta=never' });
  assert.ok(d.status === 200 && d.backend.service === 'stable');
  assert.match(d.reason, /; cookie beta is "never", so the main backend answers$/);
});

test('the weight: a draw as for backendRefs, a split without one, no draw at 0 or the total', () => {
  const drawn = explain(byHeader, {}, () => 0.29);
  assert.ok(drawn.status === 200 && drawn.backend.service === 'preview');
  assert.match(drawn.reason, /; drawn by weight \(30 of 100\), so the canary Ingress default\/can answers$/);
  const main = explain(byHeader, {}, () => 0.3);
  assert.ok(main.status === 200 && main.backend.service === 'stable');
  assert.match(main.reason, /; drawn by weight \(70 of 100\), so the main backend answers$/);
  const split = explain(byHeader, {});
  assert.ok(split.status === 200 && split.split && split.split.weight === 30 && split.split.total === 100);
  assert.match(split.reason, /; split by weight: 30 of 100 to the canary Ingress default\/can, the rest to the main backend$/);
  const all = explain({ [`${A}canary-weight`]: '100' }, {});
  assert.ok(all.status === 200 && all.backend.service === 'preview' && !all.split);
  assert.match(all.reason, /; weight 100 of 100, so the canary Ingress default\/can answers$/);
});

test('an HTTPRoute match says which conditions held in the same words', () => {
  const model = resolve(loadInputs(['fixtures/gateway-api/examples/basic-http.yaml']).documents, {});
  const d = new GatewayMatcher(model.gateways![0]).match({ scheme: 'http', host: 'foo.com', target: '/some/thing?great=example', method: 'GET', headers: { magic: 'foo' }, port: 80 }, true);
  assert.is(d.status, 200);
  assert.match(d.reason, /\(the method is GET, header magic is "foo", query parameter great is "example"\)$/);
});

test.run();
