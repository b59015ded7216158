// ingress2gateway's own examples through `render --target gateway-api`: ingressctl's output
// verifies against the Ingresses, and where it routes a request differently from
// ingress2gateway's output, a case below names the request and where each sends it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { Matcher } from '../../src/model/match.js';
import { readBack, renderGatewayApi, verifyGateway } from '../../src/emit/gateway-api/index.js';
import { gatewayOutcome, ingressOutcome } from '../../src/emit/gateway-api/verify.js';
import { probeRequests } from '../../src/diff/probes.js';
import { GatewayMatcher } from '../../src/gateway/match.js';
import { gatewayRegex } from '../../src/gateway/decide.js';
import { matchPrefix } from '../../src/model/path.js';
import { ROOT } from '../helpers.js';
import { loadText } from '../lint/helpers.js';
import { I2GW_PATH_CASES } from '../cases/ingress2gateway-cases.js';

const DIR = join(ROOT, 'fixtures/ingress2gateway/nginx-org');
const CASES = readdirSync(join(DIR, 'input')).filter((f) => f.endsWith('.yaml')).sort();

/** Every request on which ingressctl's output and ingress2gateway's answer differently: "REQUEST: ingressctl X | ingress2gateway Y". */
function differences(file: string): { verified: boolean; diffs: Map<string, string> } {
  const load = loadInputs([join(DIR, 'input', file)]);
  const model = resolve(load.documents);
  const out = renderGatewayApi(load.documents, model, { gatewayName: 'ingress' });
  const mine = readBack(load.documents, out.stream, out.gateway);
  const verified = !!mine.gateway && verifyGateway(model, mine.gateway, out.losses).changes.every((c) => c.explainedBy);
  // the converter prints its warnings before the first object
  const text = readFileSync(join(DIR, 'output', file), 'utf8');
  const theirs = loadText(text.slice(text.search(/^apiVersion:/m)), file);
  const tm = resolve([...load.documents.filter((d) => d.kind !== 'Ingress'), ...theirs.documents]);
  const g = tm.gateways?.[0];
  assert.ok(g, `${file}: ingress2gateway's Gateway reads`);
  const a = new GatewayMatcher(mine.gateway!);
  const b = new GatewayMatcher(g!);
  const diffs = new Map<string, string>();
  for (const req of probeRequests(model)) {
    const r = { ...req, port: req.scheme === 'https' ? 443 : 80 };
    const x = gatewayOutcome(a.match(r), req);
    const y = gatewayOutcome(b.match(r), req);
    if (x !== y) diffs.set(`${req.method ?? 'GET'} ${req.scheme}://${req.host}${req.target}`, `ingressctl ${x} | ingress2gateway ${y}`);
  }
  return { verified, diffs };
}

/** Where the two differ, and why (ingressctl follows ingress-nginx, which ignores F5's nginx.org/* annotations). */
const EXPECTED: Record<string, { request: string; answer: string; why: string }[]> = {
  'nginx-grpc-services.yaml': [{ request: 'GET http://grpc.example.com/helloworld.Greeter/SayHello/child', answer: 'ingressctl default/grpc-svc:8080 (upstream grpc.example.com/helloworld.Greeter/SayHello/child) | ingress2gateway 404', why: 'nginx.org/grpc-services is F5\'s: ingress-nginx proxies the Prefix path over HTTP; ingress2gateway makes an exact-method GRPCRoute' }],
  'nginx-hsts.yaml': [{ request: 'GET http://hsts.example.com/', answer: 'ingressctl 308 → https://hsts.example.com/ | ingress2gateway default/secure-app:443 (upstream hsts.example.com/)', why: 'a TLS host: ingress-nginx redirects plain HTTP with 308; ingress2gateway\'s HTTP listener serves it' }],
  'nginx-listen-ports.yaml': [{ request: 'GET https://custom-ports.example.com/app', answer: 'ingressctl default/app-service:8080 (upstream custom-ports.example.com/app) | ingress2gateway 404', why: 'nginx.org/listen-ports is F5\'s: ingress-nginx listens on 80/443; ingress2gateway moves the listeners to the custom ports' }],
  'nginx-path-regex.yaml': [{ request: 'GET http://example.com/static/child', answer: 'ingressctl default/static-service:8080 (upstream example.com/static/child) | ingress2gateway 404', why: 'nginx.org/path-regex is F5\'s: ingress-nginx keeps pathType Prefix (/static and below); ingress2gateway makes it a whole-path RegularExpression /static' }],
  'nginx-rewrite.yaml': [{ request: 'GET http://example.com/app/child', answer: 'ingressctl default/web-service:80 (upstream example.com/app/child) | ingress2gateway default/web-service:80 (upstream example.com/api/v1/child)', why: 'nginx.org/rewrites is F5\'s and not read by ingress-nginx; ingress2gateway rewrites the prefix' }],
  'nginx-ssl-redirect.yaml': [{ request: 'GET http://secure.example.com/', answer: 'ingressctl default/secure-service:80 (upstream secure.example.com/) | ingress2gateway 301 → https://secure.example.com/', why: 'nginx.org/redirect-to-https is F5\'s: ingress-nginx serves plain HTTP for a host without TLS' }],
};

test(`ingress2gateway's ${CASES.length} nginx provider fixtures: ingressctl's output verifies; the differences from ingress2gateway's output are the named ones`, () => {
  assert.is(CASES.length, 9);
  for (const file of CASES) {
    const { verified, diffs } = differences(file);
    assert.ok(verified, `${file}: ingressctl's output passes --verify`);
    const expected = EXPECTED[file] ?? [];
    for (const e of expected) assert.is(diffs.get(e.request), e.answer, `${file}: ${e.request} (${e.why})`);
    if (!expected.length) assert.equal([...diffs], [], `${file}: both route every probe alike`);
  }
});

test('ingress2gateway\'s ingress-nginx regex cases: ingressctl routes as ingress-nginx; ingress2gateway\'s match agrees on the table\'s paths, not on alternations', () => {
  const probe = ['/users/a/profile', '/USERS/a/profile/x', '/users/profile', '/api', '/api/v1', '/apix', '/products/1', '/Products/1/x', '/products/'];
  const i2gwMatches = (m: { type: string; value: string }, path: string) => (m.type === 'RegularExpression' ? gatewayRegex(m.value).test(path) : m.type === 'PathPrefix' ? matchPrefix(m.value, path) : m.value === path);
  for (const c of I2GW_PATH_CASES) {
    const load = loadText(c.ingress, `${c.name}.yaml`);
    const model = resolve(load.documents);
    const ingressNginx = new Matcher(model);
    const out = renderGatewayApi(load.documents, model, { gatewayName: 'ingress' });
    const back = readBack(load.documents, out.stream, out.gateway);
    const mine = new GatewayMatcher(back.gateway!);
    for (const path of probe) {
      const req = { scheme: 'http' as const, host: 'example.com', target: path };
      const truth = ingressNginx.match(req).status === 200;
      assert.is(mine.match({ ...req, port: 80 }).status === 200, truth, `${c.name}: ingressctl ${path}`);
      assert.is(i2gwMatches(c.expected, path), truth, `${c.name} (${c.source}): ingress2gateway ${path}`);
    }
  }
  // The same formula ("(?i)" + path + ".*") on a top-level alternation: ingress-nginx's "^/v1|/v2"
  // finds /v2 anywhere and /v1 as a prefix; "(?i)/v1|/v2.*" matches exactly /v1 or paths starting /v2.
  const yaml = I2GW_PATH_CASES[0].ingress.replace('"/users/.*/profile"', '"/v1|/v2"');
  const load = loadText(yaml);
  const model = resolve(load.documents);
  const out = renderGatewayApi(load.documents, model, { gatewayName: 'ingress' });
  const mine = new GatewayMatcher(readBack(load.documents, out.stream, out.gateway).gateway!);
  const i2gw = gatewayRegex('(?i)/v1|/v2.*');
  const where = (path: string) => {
    const req = { scheme: 'http' as const, host: 'example.com', target: path };
    return { ingressNginx: ingressOutcome(new Matcher(model).match(req), req), ingressctl: gatewayOutcome(mine.match({ ...req, port: 80 }), req), ingress2gateway: i2gw.test(path) ? 'default/service1:80' : '404' };
  };
  for (const path of ['/v1/users', '/x/v2']) {
    const w = where(path);
    assert.is(w.ingressctl, w.ingressNginx, `ingressctl ${path}`);
    assert.ok(w.ingressNginx.startsWith('default/service1:80'), path);
    assert.is(w.ingress2gateway, '404', `ingress2gateway ${path}`);
  }
});

test.run();
