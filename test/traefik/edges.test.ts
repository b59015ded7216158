// The edge cases of test/cases/edge-cases.ts (the manifests and requests nginx-edges.test.ts sends to real nginx) on the
// rendered Traefik configuration: encoded and non-ASCII rule paths, characters that need
// quoting, rules no canonical path can match, rewrite-target, a host with no default backend
// anywhere (404), a TLS host's plain-HTTP side. Each request is answered as the model answers
// it, a redirect with Traefik's code (301 to GET).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Matcher } from '../../src/model/match.js';
import { modelOf } from '../helpers.js';
import { edgeRequests as REQUESTS, edgeYaml as YAML } from '../cases/edge-cases.js';
import { renderedTraefik, traefikOutcome } from './routing.js';
import { evaluate } from './evaluate.js';

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
