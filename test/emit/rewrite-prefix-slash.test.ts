// rewrite-target on a Prefix path with a trailing slash (the model's RegexRewrite): ingress-nginx's
// rewrite regex (^/keep/) leaves /keep as it is. Envoy and Traefik write the literal regex the plan
// gives, so their upstream path is the model's (nginx, HAProxy and serve: test/e2e/annotation-cases.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Matcher } from '../../src/model/match.js';
import { upstreamPath } from '../../src/model/rewrite.js';
import { evaluate as envoyEvaluate } from '../envoy/evaluate.js';
import { EMIT_DEFAULTS, rendered } from '../envoy/routing.js';
import { evaluate as traefikEvaluate } from '../traefik/evaluate.js';
import { renderedTraefik } from '../traefik/routing.js';
import { ingress, modelOf } from '../helpers.js';

const model = modelOf(ingress('rs', 'rs.example.com', [['/keep/', 'Prefix', 'api'], ['/v1.0/', 'Prefix', 'api']], { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/new' } }));
const REQUESTS = ['/keep', '/keep/', '/keep/a/b', '/v1.0', '/v1.0/x', '/v1.0x'];

function modelPath(target: string): string {
  const d = new Matcher(model).match({ scheme: 'http', host: 'rs.example.com', target });
  return d.status === 200 ? upstreamPath(d.route, d.path, target) : String(d.status);
}

test(`the model: ${REQUESTS.length} requests, the path without the slash is not rewritten`, () => {
  assert.equal(REQUESTS.map(modelPath), ['/keep', '/new', '/new', '/v1.0', '/new', '404']);
});

test('Envoy: the upstream path is the model\'s', () => {
  const { bootstrap } = rendered(model);
  const got = REQUESTS.map((target) => {
    const a = envoyEvaluate(bootstrap, { scheme: 'http', host: 'rs.example.com', target, clientIp: '127.0.0.1' }, EMIT_DEFAULTS);
    return a.status === 200 && 'upstreamPath' in a ? a.upstreamPath : String(a.status);
  });
  assert.equal(got, REQUESTS.map(modelPath));
});

test('Traefik: the upstream path is the model\'s', () => {
  const { dynamic } = renderedTraefik(model);
  const got = REQUESTS.map((target) => {
    const a = traefikEvaluate(dynamic, { scheme: 'http', host: 'rs.example.com', target });
    return a.status === 200 && 'upstreamPath' in a ? a.upstreamPath : String(a.status);
  });
  assert.equal(got, REQUESTS.map(modelPath));
});

test.run();
