// The edge cases of test/e2e/nginx-edges.test.ts (the same manifests and requests) on the
// rendered Traefik configuration: encoded and non-ASCII rule paths, characters that need
// quoting, rules no canonical path can match, rewrite-target, a host with no default backend
// anywhere (404), a TLS host's plain-HTTP side. Each request is answered as the model answers
// it, a redirect with Traefik's code (301 to GET).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Matcher } from '../../src/model/match.js';
import { ingress, modelOf } from '../helpers.js';
import { renderedTraefik, traefikOutcome } from './routing.js';
import { evaluate } from './evaluate.js';

const YAML =
  ingress('enc', 'enc.example.com', [['/caf%C3%A9', 'Prefix', 'cafe'], ['/a%20b', 'Exact', 'space'], ['/x;y', 'Prefix', 'semi'], ["/q$x'", 'Exact', 'dollar'], ['/%66oo', 'Prefix', 'never'], ['/a//b', 'Prefix', 'never2'], ['/p%3Fq', 'Prefix', 'qmark']]) +
  ingress('lit', 'lit.example.com', [['/d/', 'Exact', 'd-slash'], ['/d', 'Prefix', 'd'], ['/e/f/', 'Exact', 'ef-slash'], ['/e', 'Prefix', 'e']]) +
  ingress('rw', 'rw.example.com', [['/s(/|$)(.*)', 'ImplementationSpecific', 'rewritten']], { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' } }) +
  // a TLS host whose plain-HTTP side is one regex location (every route redirects)
  ingress('tls', 'tls.example.com', [['/x/', 'Exact', 'tx'], ['/p', 'Prefix', 'tp'], ['/q', 'Exact', 'tq']], { tls: 'absent' }) +
  ingress('tls-re', 'tls.example.com', [['/R[0-9]+', 'ImplementationSpecific', 'tr']], { tls: 'absent', annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } });

const REQUESTS: [string, string][] = [
  ['enc.example.com', '/caf%C3%A9'],
  ['enc.example.com', '/caf%c3%a9/x'],
  ['enc.example.com', '/caf%C3%A9x'],
  ['enc.example.com', '/a%20b'],
  ['enc.example.com', '/a%20b/'],
  ['enc.example.com', '/x;y/z'],
  ['enc.example.com', '/x%3By'],
  ['enc.example.com', "/q$x'"],
  ['enc.example.com', '/foo'],
  ['enc.example.com', '/%66oo'],
  ['enc.example.com', '/a//b'],
  ['enc.example.com', '/p%3Fq/r'],
  ['enc.example.com', '/p?q'],
  ['enc.example.com', '/nothing'],
  ['lit.example.com', '/d'],
  ['lit.example.com', '/d/'],
  ['lit.example.com', '/d/x'],
  ['lit.example.com', '/e/f'],
  ['lit.example.com', '/e/f/'],
  ['lit.example.com', '/e/f/g'],
  ['lit.example.com', '/ef'],
  ['rw.example.com', '/s/tea?x=1'],
  ['rw.example.com', '/S'],
  ['rw.example.com', '/t'],
  ['nobody.example.com', '/'],
  ['tls.example.com', '/x/'],
  ['tls.example.com', '/x'],
  ['tls.example.com', '/p'],
  ['tls.example.com', '/p/a?b=1'],
  ['tls.example.com', '/pa'],
  ['tls.example.com', '/q'],
  ['tls.example.com', '/q/'],
  ['tls.example.com', '/r12/x'],
  ['tls.example.com', '/r'],
];

const model = modelOf(YAML);
const { dynamic } = renderedTraefik(model);

test(`every edge request (${REQUESTS.length}) is routed where the model routes it`, () => {
  const matcher = new Matcher(model);
  const problems: string[] = [];
  for (const [host, path] of REQUESTS) {
    const d = matcher.match({ scheme: 'http', host, target: path });
    const want = 'location' in d ? `${d.status === 308 || d.status === 301 ? 301 : 302} ${d.location}` : d.status === 200 ? `${d.backend.namespace}/${d.backend.service}:${d.backend.port}` : String(d.status);
    const got = traefikOutcome(dynamic, { scheme: 'http', host, target: path });
    if (got !== want) problems.push(`${host}${path}: model ${want}, traefik ${got}`);
  }
  assert.equal(problems, []);
});

test('rewrite-target: the upstream path is the model\'s', () => {
  const d = new Matcher(model).match({ scheme: 'http', host: 'rw.example.com', target: '/s/tea?x=1' });
  const t = evaluate(dynamic, { scheme: 'http', host: 'rw.example.com', target: '/s/tea?x=1' });
  assert.is(d.status, 200);
  assert.is('upstreamPath' in t ? t.upstreamPath : t.status, '/tea');
});

test.run();
