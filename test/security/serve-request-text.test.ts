// serve's own answers (echo backend, 404 and other error pages, redirects that copy the
// client's Host and path into a Location, CORS answers that echo the Origin) fed a request's
// own odd text, byte for byte over a raw socket: CR/LF percent-encoded in the path, raw
// non-ASCII bytes in the path and the Host, a Host with a tab, spaces or a bad port, none at
// all. Every answer must be well-formed HTTP/1.1 with no injected header line, and serve
// must keep answering.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { connect } from 'node:net';
import { ingress } from '../helpers.js';
import { startProxy } from '../serve/helpers.js';
import { sendTo } from './serve-send.js';

const t = suite('serve: a request\'s own text in its answer\'s headers');

const uncaught: Error[] = [];
const onUncaught = (err: Error) => void uncaught.push(err);
t.before(() => void process.on('uncaughtException', onUncaught));
t.after(() => void process.off('uncaughtException', onUncaught));

const A = 'nginx.ingress.kubernetes.io/';
const MANIFESTS =
  ingress('echo', 'echo.example.com', [['/', 'Prefix', 'app']], { annotations: { [A + 'enable-cors']: 'true', [A + 'x-forwarded-prefix']: '/p' } }) +
  ingress('https', 'https.example.com', [['/', 'Prefix', 'app']], { annotations: { [A + 'force-ssl-redirect']: 'true' } }) +
  ingress('approot', 'approot.example.com', [['/x', 'Prefix', 'app']], { annotations: { [A + 'app-root']: '/app' } }) +
  ingress('www', 'www.example.com', [['/', 'Prefix', 'app']], { annotations: { [A + 'from-to-www-redirect']: 'true' } });

interface RawAnswer {
  statusLine: string;
  /** header lines as sent */
  lines: string[];
}

/** Sends `head` (a request head, bytes as given) and reads the answer's head; the connection closes after it. */
function raw(port: number, head: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error('no answer within 5 s')), 5000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (err) => (clearTimeout(timer), reject(err)));
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end === -1) return reject(new Error(`no complete answer head: ${JSON.stringify(text.slice(0, 200))}`));
      const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
      resolve({ statusLine, lines });
    });
    socket.write(head);
  });
}

/** A request head from its text with `\xNN` for raw bytes. */
function head(target: string, host: string | undefined, extra: string[] = []): Buffer {
  const lines = [`GET ${target} HTTP/1.1`, ...(host === undefined ? [] : [`Host: ${host}`]), ...extra, 'Connection: close', '', ''];
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

/** Why an answer head is not well-formed, or injected: each line one "token: visible text" field, no X-Injected. */
function headProblems(a: RawAnswer): string[] {
  const out: string[] = [];
  if (!/^HTTP\/1\.1 [1-5]\d\d [\x20-\x7e]*$/.test(a.statusLine)) out.push(`status line ${JSON.stringify(a.statusLine)}`);
  for (const line of a.lines) {
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+): ?([\x20-\x7e\t]*)$/.exec(line);
    if (!m) out.push(`not a header line: ${JSON.stringify(line)}`);
    else if (/injected/i.test(m[1])) out.push(`an injected header: ${JSON.stringify(line)}`);
  }
  return out;
}

// Node's own parser answers 400 to raw non-ASCII in the target or the Host, and to a missing
// Host (serve never sees those requests); the statuses below pin that, so a change of parser
// settings shows here.
const REQUESTS: { why: string; target: string; host?: string; extra?: string[]; status?: number }[] = [
  { why: 'CR/LF percent-encoded in the path, echo', target: '/a%0d%0aX-Injected:%201', host: 'echo.example.com', status: 200 },
  { why: 'CR/LF percent-encoded in the path, HTTPS redirect', target: '/a%0d%0aX-Injected:%201', host: 'https.example.com', status: 308 },
  { why: 'CR/LF percent-encoded in the path, 404', target: '/a%0d%0aX-Injected:%201', host: 'nobody.example.com', status: 404 },
  { why: 'raw non-ASCII bytes in the path, HTTPS redirect', target: '/caf\xe9/\xff', host: 'https.example.com', status: 400 },
  { why: 'raw non-ASCII bytes in the path, echo', target: '/caf\xe9', host: 'echo.example.com', status: 400 },
  { why: 'raw non-ASCII bytes in the Host', target: '/', host: 'h\xe9.example.com', status: 400 },
  { why: 'a tab and spaces in the Host', target: '/', host: 'a\tb c.example.com', status: 400 },
  { why: 'non-ASCII after a matching Host, HTTPS redirect', target: '/', host: 'https.example.com:\xe9', status: 400 },
  { why: 'a bad port in the Host, HTTPS redirect', target: '/x', host: 'https.example.com:99999', status: 308 },
  { why: 'non-ASCII in the Host of an app-root redirect', target: '/', host: 'approot.example.com:\xe98', status: 400 },
  { why: 'non-ASCII in the Host of a www redirect', target: '/a', host: 'example.com:\xe9', status: 400 },
  { why: 'no Host at all', target: '/', status: 400 },
  { why: 'two Host headers, 400', target: '/', host: 'echo.example.com', extra: ['Host: other\xe9'], status: 400 },
  { why: 'a non-ASCII Origin on a CORS route', target: '/', host: 'echo.example.com', extra: ['Origin: https://\xe9.example'], status: 200 },
  { why: 'non-ASCII X-Forwarded-Prefix and X-Forwarded-Host the proxy replaces', target: '/', host: 'echo.example.com', extra: ['X-Forwarded-Prefix: /\xe9', 'X-Forwarded-Host: \xe9'], status: 200 },
];

t(`HTTP/1.1, ${REQUESTS.length} requests with odd text of their own: well-formed answers, no injected header, serve keeps answering`, async () => {
  const proxy = await startProxy(MANIFESTS);
  const problems: string[] = [];
  try {
    for (const r of REQUESTS) {
      const a = await raw(proxy.httpPort, head(r.target, r.host, r.extra));
      problems.push(...headProblems(a).map((p) => `${r.why}: ${p}`));
      if (r.status && !a.statusLine.startsWith(`HTTP/1.1 ${r.status} `)) problems.push(`${r.why}: ${a.statusLine} (${r.status} expected)`);
    }
    // still up, still routing
    const after = await sendTo(proxy.httpPort, 'http/1.1', 'echo.example.com', '/');
    if (after.status !== 200 || !after.upstream) problems.push(`afterwards: ${after.status}`);
  } finally {
    await proxy.stop(500);
  }
  assert.equal(uncaught.map((e) => e.message), [], 'no uncaught error');
  assert.equal(problems, [], problems.join('\n'));
});

t('h2: CR/LF percent-encoded in the path and an odd :authority: well-formed answers, no injected header', async () => {
  const proxy = await startProxy(MANIFESTS);
  const problems: string[] = [];
  try {
    for (const [host, path] of [
      ['echo.example.com', '/a%0d%0aX-Injected:%201'],
      ['nobody.example.com', '/a%0d%0aX-Injected:%201'],
      ['approot.example.com', '/'],
      ['example.com', '/a%0d%0aX-Injected:%201'],
    ]) {
      const a = await sendTo(proxy.httpsPort, 'h2', host, path);
      for (const [name, value] of a.headers) {
        if (/injected/i.test(name)) problems.push(`${host}${path}: an injected header ${name}`);
        if (/[^\x20-\x7e]/.test(value)) problems.push(`${host}${path}: ${name}: ${JSON.stringify(value)}`);
      }
      if (!(a.status >= 200 && a.status < 600)) problems.push(`${host}${path}: status ${a.status}`);
    }
  } finally {
    await proxy.stop(500);
  }
  assert.equal(uncaught.map((e) => e.message), [], 'no uncaught error');
  assert.equal(problems, [], problems.join('\n'));
});

t.run();
