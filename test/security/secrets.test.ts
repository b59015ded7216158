// Private keys never leave their files: every output of every command, in every format,
// over every fixture that holds a TLS Secret (good or broken), is searched for the keys'
// base64 (as in the Secret) and PEM bodies; only the bundle's own key files (mode 0600)
// may hold them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { request } from 'node:https';
import { cli, ROOT } from '../helpers.js';
import { serveCli } from '../serve/helpers.js';

/** Every file under `dir` (relative to the repository). */
function walk(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((n) => {
    const p = join(dir, n);
    return statSync(join(ROOT, p)).isDirectory() ? walk(p) : [p];
  });
}

const SECRET_FILES = [...walk('fixtures'), ...walk('test/envoy/fixtures'), ...walk('test/serve/fixtures')].filter((f) => /\.(ya?ml|json)$/.test(f) && /tls\.key/.test(readFileSync(join(ROOT, f), 'latin1')));

/** Pieces of key material a leak would contain: 40-character runs of each key's base64 and of its PEM body. */
function needles(): string[] {
  const out = new Set<string>();
  for (const f of SECRET_FILES) {
    for (const m of readFileSync(join(ROOT, f), 'latin1').matchAll(/tls\.key"?:\s*"?([A-Za-z0-9+/=]{80,})/g)) {
      const b64 = m[1];
      const pem = Buffer.from(b64, 'base64').toString('latin1');
      if (!pem.includes('PRIVATE KEY')) continue; // a broken fixture with a certificate in tls.key
      for (let i = 0; i + 40 <= b64.length; i += 200) out.add(b64.slice(i, i + 40));
      const body = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
      for (let i = 0; i + 40 <= body.length; i += 160) out.add(body.slice(i, i + 40));
    }
  }
  // a private key also holds its public half, which its certificate shows: that is no leak
  const certificates = SECRET_FILES.flatMap((f) => [...readFileSync(join(ROOT, f), 'latin1').matchAll(/tls\.crt"?:\s*"?([A-Za-z0-9+/=]{80,})/g)].map((m) => m[1] + Buffer.from(m[1], 'base64').toString('latin1').replace(/\s+/g, '')));
  return [...out].filter((n) => !certificates.some((c) => c.includes(n)));
}

const NEEDLES = needles();

/** What key material `text` holds, if any. */
function leak(text: string): string | undefined {
  if (/PRIVATE KEY/.test(text)) return '"PRIVATE KEY"';
  // keys are printed one way or another with line breaks: search the text without them too
  const flat = text.replace(/\s+/g, '');
  const n = NEEDLES.find((x) => text.includes(x) || flat.includes(x));
  return n && `key material ${n.slice(0, 12)}…`;
}

function assertClean(what: string, text: string): void {
  const found = leak(text);
  assert.not.ok(found, `${what}: ${found} in the output`);
}

test('the fixtures hold private keys to look for, and the search finds them', () => {
  assert.ok(SECRET_FILES.length >= 4, SECRET_FILES.join(' '));
  assert.ok(NEEDLES.length >= 20, `${NEEDLES.length} needles`);
  const secret = readFileSync(join(ROOT, 'fixtures/cafe/cafe-secret.yaml'), 'latin1');
  assert.ok(leak(secret.replace(/PRIVATE KEY/g, '')), 'the Secret itself');
  const pem = Buffer.from(/tls\.key: (\S+)/.exec(secret)![1], 'base64').toString('latin1');
  assert.ok(leak(pem.replace(/-----[^\n]+/g, '').replace(/\n/g, '\n  ')), 'its PEM body, wrapped');
});

const INPUTS = ['fixtures/cafe', 'fixtures/routing', 'fixtures/lint/tls', 'test/envoy/fixtures/tls', ...SECRET_FILES.filter((f) => f.startsWith('fixtures/bad/'))];

test('routes, explain, lint, render, diff and test: no output holds key material, in any format', async () => {
  let runs = 0;
  const run = async (argv: string[]) => {
    const r = await cli(argv);
    runs++;
    assertClean(argv.join(' '), r.stdout + r.stderr);
  };
  for (const input of INPUTS) {
    for (const o of ['table', 'json', 'yaml']) await run(['routes', input, '-o', o]);
    for (const o of ['text', 'json']) await run(['explain', 'https://cafe.example.com/tea', input, '-o', o]);
    for (const f of ['stylish', 'json', 'sarif', 'github', 'junit']) await run(['lint', input, '--format', f]);
    for (const t of ['nginx', 'envoy']) await run(['render', input, '--target', t, '--strict']);
    for (const o of ['table', 'json', 'markdown']) await run(['diff', input, 'fixtures/wildcard', '-o', o]);
  }
  for (const f of ['text', 'json', 'junit', 'tap']) await run(['test', 'fixtures/specs/cafe.yaml', 'fixtures/cafe', '--format', f]);
  assert.ok(runs > 100, `${runs} runs`);
});

test('render -o: only the key files hold keys, and they are 0600', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-secrets-'));
  try {
    for (const [i, input] of INPUTS.entries()) {
      for (const target of ['nginx', 'envoy']) {
        const out = join(dir, `${target}-${i}`);
        const r = await cli(['render', input, '--target', target, '-o', out]);
        assertClean(`render -o ${input}`, r.stdout + r.stderr);
        if (r.code === 2) continue;
        for (const f of walk(relative(ROOT, out))) {
          const full = join(ROOT, f);
          if (f.endsWith('.key')) assert.is(statSync(full).mode & 0o777, 0o600, f);
          else assertClean(f, readFileSync(full, 'latin1'));
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve: its announcement, access log and answers hold no key material', async () => {
  const serve = serveCli(['fixtures/cafe', '--no-watch']);
  try {
    const { httpsPort, line } = await serve.ready;
    for (const path of ['/tea', '/coffee', '/nothing', '/%2F']) {
      const body = await new Promise<string>((resolve) => {
        const req = request({ host: '127.0.0.1', port: httpsPort, path, servername: 'cafe.example.com', headers: { host: 'cafe.example.com' }, rejectUnauthorized: false, agent: false }, (res) => {
          let b = JSON.stringify(res.headers);
          res.on('data', (d) => (b += d));
          res.on('end', () => resolve(b));
        });
        req.setTimeout(3000, () => req.destroy());
        req.on('error', (e) => resolve(String(e)));
        req.end();
      });
      assertClean(`serve ${path}`, body);
    }
    assertClean('serve announcement', line);
  } finally {
    await serve.stop();
  }
  assertClean('serve stderr', serve.stderr());
});

test.run();
