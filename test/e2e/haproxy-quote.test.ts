// HAProxy's own lexer reads every word written by quote.ts back as exactly the value:
// hostile values are served verbatim by `http-request return ... string <word>`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { line, serialize, when } from '../../src/emit/haproxy/config.js';
import { logFormatText, word } from '../../src/emit/haproxy/quote.js';
import { rawRequest } from './haproxy-echo.js';
import { haproxyTest, removeBundle, startHaproxyOnFreePorts } from './haproxy-engine.js';

const it = haproxyTest(); // skipped without HAProxy, failed under INGRESSCTL_REQUIRE_ENGINES=1

const HOSTILE = [
  'plain', 'two words', ' leading space', '#comment', 'x # y', "it's", "''", "'\\''", 'say "hi"', '"$HOME"', '$HOME', '${HOME}',
  'back\\slash', '\\n', '\\x41', '%[src]', '{ }', '}', 'if', 'unless', '||', '!', '-i', "a'b\"c$d#e\\f g", '~`^*()[]<>?;:@&=+,./',
];

it('every hostile value survives the HAProxy lexer unchanged, as a string and as log-format text', async () => {
  // log-format text refuses backslashes (replace-path reads them as back-references)
  const lf = (v: string) => !v.includes('\\');
  const rules = HOSTILE.flatMap((v, i) => [
    line(['http-request', 'return', 'status', '200', 'content-type', 'text/plain', 'string', v], when({ fetch: 'path', flags: ['-m', 'str'], patterns: [`/s/${i}`] })),
    ...(lf(v) ? [line(['http-request', 'return', 'status', '200', 'content-type', 'text/plain', 'lf-string', logFormatText(v)], when({ fetch: 'path', flags: ['-m', 'str'], patterns: [`/lf/${i}`] }))] : []),
  ]);
  const config = (port: number) => serialize([
    { head: ['defaults'], lines: [line(['mode', 'http']), line(['timeout', 'client', '5s']), line(['timeout', 'connect', '5s']), line(['timeout', 'server', '5s'])] },
    { head: ['frontend', 'quote'], lines: [line(['bind', `127.0.0.1:${port}`]), ...rules] },
  ]);
  const { haproxy, dir, ports: [port] } = await startHaproxyOnFreePorts(1, ([p]) => ({ mainFile: 'haproxy.cfg', files: [{ path: 'haproxy.cfg', content: config(p) }], findings: [] }), { env: { HOME: '/expanded-home' } });
  const wrong: string[] = [];
  try {
    for (const [i, v] of HOSTILE.entries()) {
      for (const kind of lf(v) ? ['s', 'lf'] : ['s']) {
        const res = await rawRequest({ port, host: 'x.test', target: `/${kind}/${i}` });
        if (res.status !== 200 || res.body !== v) wrong.push(`${kind} ${JSON.stringify(v)} → ${res.status} ${JSON.stringify(res.body)} (written as ${word(v)})`);
      }
    }
  } finally {
    await haproxy.stop();
    removeBundle(dir);
  }
  assert.equal(wrong, []);
});

test.run();
