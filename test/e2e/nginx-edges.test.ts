// Paths at the edges of nginx's syntax, on real nginx, compared request by request with
// the model's Matcher (what `explain` says): encoded and non-ASCII rule paths (the regex
// scheme with \xHH), characters nginx.conf quotes, rules no canonical path can match,
// rewrite-target, a host with no default backend anywhere (404).
import * as assert from 'uvu/assert';
import { Matcher } from '../../src/model/match.js';
import type { RouteModel } from '../../src/model/types.js';
import { modelOf } from '../helpers.js';
import { edgeRequests as REQUESTS, edgeYaml as YAML } from '../cases/edge-cases.js';
import type { Echo } from './echo-servers.js';
import { nginxTest, send, standUp, type Stand } from './nginx-engine.js';

const test = nginxTest();

/** Where nginx differs on purpose, reported as the target-approximate finding: it decodes %3B before matching. */
const APPROXIMATE: Record<string, string> = { 'enc.example.com/x%3By': 'default/semi:80' };

function expected(model: RouteModel, host: string, path: string): string {
  if (APPROXIMATE[host + path]) return APPROXIMATE[host + path];
  const d = new Matcher(model, { httpsPort: stand!.httpsPort }).match({ scheme: 'http', host, target: path });
  return d.status === 200 ? `${d.backend.namespace}/${d.backend.service}:${d.backend.port}` : d.status === 308 ? `308 ${d.location}` : String(d.status);
}

let stand: Stand | undefined;
let port = 0;
const model = modelOf(YAML);

test.before(async () => {
  stand = await standUp({ yaml: YAML }, model);
  port = stand.httpPort;
  assert.match(stand.renderStderr, /info: nginx decodes every %XX before matching, so path "\/x;y"/);
});

test.after(() => stand?.stop());

test('nginx routes every request where the model does', async () => {
  const wrong: string[] = [];
  for (const [host, path] of REQUESTS) {
    const r = await send('http', port, host, path);
    const got = r.status === 200 ? (JSON.parse(r.body) as Echo).backend : r.status === 308 ? `308 ${r.headers.location}` : String(r.status);
    const want = expected(model, host, path);
    if (got !== want) wrong.push(`${host}${path}: model ${want}, nginx ${got}`);
  }
  assert.equal(wrong, []);
  assert.ok(REQUESTS.some(([h, p]) => expected(model, h, p) === '404'), 'the 404 case is exercised');
  assert.ok(REQUESTS.filter(([h, p]) => expected(model, h, p).startsWith('308 ')).length >= 5, 'redirects are exercised');
  for (const k of Object.keys(APPROXIMATE)) {
    const d = new Matcher(model).match({ scheme: 'http', host: k.slice(0, k.indexOf('/')), target: k.slice(k.indexOf('/')) });
    assert.is(d.status, 404, `${k} still differs from the model (else drop it from APPROXIMATE)`);
  }
});

test('rewrite-target rewrites the upstream path with the regex groups, query kept', async () => {
  const e = JSON.parse((await send('http', port, 'rw.example.com', '/s/tea?x=1')).body) as Echo;
  assert.is(e.path, '/tea?x=1');
});

test.run();
