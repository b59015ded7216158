// The emitted request-path rules, run by real HAProxy, give the model's canonical path
// (src/model/path.ts) for every path: the same answer or the same 400.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalizePath } from '../../src/model/path.js';
import { line, serialize } from '../../src/emit/haproxy/config.js';
import { requestPathRules } from '../../src/emit/haproxy/frontend.js';
import { rawRequest } from './haproxy-echo.js';
import { haproxyTest, removeBundle, startHaproxyOnFreePorts } from './haproxy-engine.js';

const it = haproxyTest(); // skipped without HAProxy, failed under INGRESSCTL_REQUIRE_ENGINES=1

const CHOSEN = [
  '/', '//', '/./', '/.', '/..', '/a/.', '/a/..', '/a/b/..', '/a//../b', '/a/..//b', '/a/./../b', '/a/b/../../c',
  '/../x', '/a/../..', '/a/../../b', '/%2e%2e/x', '/a/%2e%2e/b', '/a/.%2e/b', '/a/%2E/b', '/%61%62', '/%7e%41%2D',
  '/%c3%a9', '/%3a%3A', '/%zz', '/%', '/%4', '/a%2Fb', '/a%2fb', '/a%5cb', '/a\\b', '/a%00b', '/a%252Fb',
  '/.well-known/', '/a/...', '/a/.b/..', '/a/b.', "/q'u\"o$", '/a?x=%61//..', '/a/..?q', '/?', '/a;b=c/../d',
];

/** Paths built from awkward segments, reproducible (a fixed linear congruential sequence). */
function generated(count: number): string[] {
  const parts = ['a', 'bc', '.', '..', '', '%2e', '%2E%2e', '.%2e', '%61', '%7E', '%41b', '%c3%a9', 'x.y', '...', '%25', '~'];
  let seed = 20240601;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % parts.length;
  return Array.from({ length: count }, () => {
    const n = 1 + (next() % 6);
    return '/' + Array.from({ length: n }, () => parts[next()]).join('/');
  });
}

it('HAProxy canonicalises request paths exactly as the model does', async () => {
  const config = (port: number) => serialize([
    { head: ['global'], lines: [line(['expose-experimental-directives'])] },
    { head: ['defaults'], lines: [line(['mode', 'http']), line(['timeout', 'client', '5s']), line(['timeout', 'connect', '5s']), line(['timeout', 'server', '5s'])] },
    { head: ['frontend', 'paths'], lines: [line(['bind', `127.0.0.1:${port}`]), ...requestPathRules(), line(['http-request', 'return', 'status', '200', 'hdr', 'x-path', '%[path]'])] },
  ]);
  const { haproxy, dir, ports: [port] } = await startHaproxyOnFreePorts(1, ([p]) => ({ mainFile: 'haproxy.cfg', files: [{ path: 'haproxy.cfg', content: config(p) }], findings: [] }));
  const wrong: string[] = [];
  try {
    const paths = [...CHOSEN, ...generated(150)];
    for (const p of paths) {
      const c = canonicalizePath(p);
      const res = await rawRequest({ port, host: 'x.test', target: p });
      const got = res.status === 200 ? res.headers.get('x-path') : String(res.status);
      const want = c.ok ? c.path : '400';
      if (got !== want) wrong.push(`${p}: model ${want}, haproxy ${got}`);
    }
    assert.ok(paths.length > 180);
  } finally {
    await haproxy.stop();
    removeBundle(dir);
  }
  assert.equal(wrong, []);
});

test.run();
