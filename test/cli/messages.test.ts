// Messages a newcomer meets first: a port in use names the port, a missing --config is one
// plain line, every problem of .ingressctl.yaml is reported at once with line:col.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, fixture } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ingressctl-messages-'));

test('serve: a port in use is named, with the flag that changes it', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as { port: number }).port;
  try {
    const http = await cli(['serve', '--local', fixture('cafe'), '--http-port', String(port), '--https-port', '0', '--no-watch']);
    assert.is(http.code, 2);
    assert.is(http.stderr, `ingressctl: cannot listen on 127.0.0.1:${port}: port ${port} is already in use; choose another with --http-port (0 picks a free one)\n`);
    const https = await cli(['serve', '--local', fixture('cafe'), '--http-port', '0', '--https-port', String(port), '--no-watch']);
    assert.is(https.code, 2);
    assert.match(https.stderr, new RegExp(`port ${port} is already in use; choose another with --https-port`));
  } finally {
    blocker.close();
  }
});

test('lint --config FILE that does not exist: one plain line, exit 2, no ENOENT', async () => {
  const r = await cli(['lint', '--config', 'no-such-config.yaml', fixture('cafe')]);
  assert.is(r.code, 2);
  assert.is(r.stderr, 'ingressctl: --config no-such-config.yaml: no such file\n');
});

test('a path that cannot be read is said in words, never as an errno code', async () => {
  writeFileSync(join(dir, 'file.yaml'), 'x: 1\n');
  const cases: [string[], string][] = [
    [['routes', 'no-such.yaml'], 'ingressctl: no-such.yaml: no such file or directory\n'],
    [['routes', join(dir, 'file.yaml', 'x.yaml')], `ingressctl: ${join(dir, 'file.yaml', 'x.yaml')}: a part of the path is a file, not a folder\n`],
    [['test', 'no-such-spec.yaml', fixture('cafe')], 'ingressctl: no-such-spec.yaml: no such file or directory\n'],
    [['diff', fixture('cafe'), fixture('cafe'), '--requests', 'no-such-requests.yaml'], 'ingressctl: --requests no-such-requests.yaml: no such file or directory\n'],
  ];
  for (const [argv, stderr] of cases) {
    const r = await cli(argv);
    assert.is(r.code, 2, argv.join(' '));
    assert.is(r.stderr, stderr, argv.join(' '));
  }
});

test('--ingress-class that keeps no Ingress says so, with the classes there are (a typo was a silent "No routes." and a clean lint)', async () => {
  const note = 'ingressctl: note: --ingress-class ngnix keeps none of the 1 Ingress in the input (their class: nginx)\n';
  for (const command of ['routes', 'lint', 'render']) {
    const r = await cli([command, fixture('cafe'), '--ingress-class', 'ngnix']);
    assert.is(r.code, 0, `${command}: ${r.stderr}`);
    assert.ok(r.stderr.includes(note), `${command}: ${r.stderr}`);
  }
  const kept = await cli(['routes', fixture('cafe'), '--ingress-class', 'nginx']);
  assert.not.match(kept.stderr, /keeps none/);
});

test('diff --requests that is not YAML: file:line:col of the error, as for every other input', async () => {
  const file = join(dir, 'requests.yaml');
  writeFileSync(file, '- https://cafe.example.com/\n- {url: "https://cafe.example.com/tea"\n');
  const r = await cli(['diff', fixture('cafe'), fixture('cafe'), '--requests', file]);
  assert.is(r.code, 2);
  assert.match(r.stderr, new RegExp(`^ingressctl: --requests ${file.replace(/[.]/g, '\\.')}:3:1: deficient indentation\n$`));
});

test('.ingressctl.yaml: every problem at once, each with line:col', async () => {
  const file = join(dir, '.ingressctl.yaml');
  writeFileSync(file, 'rules:\n  plain-http-onl: off\n  tls-secret-not-found: loud\nignorePath: [x]\nallowSnippets: "yes"\n');
  const r = await cli(['lint', '--config', file, fixture('cafe')]);
  assert.is(r.code, 2);
  assert.equal(r.stderr.trim().split('\n'), [
    `ingressctl: ${file}:2:3: config: unknown rule "plain-http-onl" (did you mean "plain-http-only"?)`,
    `ingressctl: ${file}:3:25: config: rule "tls-secret-not-found": severity must be off, info, warn or error, not "loud"`,
    `ingressctl: ${file}:4:1: config: unknown key "ignorePath" (did you mean "ignorePaths"?); known keys: rules, ignorePaths, allowSnippets, serviceNodePortRange`,
    `ingressctl: ${file}:5:16: config: allowSnippets must be true or false`,
  ]);
});

test('.ingressctl.yaml that is not YAML: line:col of the syntax error', async () => {
  const file = join(dir, 'broken.yaml');
  writeFileSync(file, 'rules:\n  a: b\n   c: d\n');
  const r = await cli(['lint', '--config', file, fixture('cafe')]);
  assert.is(r.code, 2);
  assert.match(r.stderr, new RegExp(`^ingressctl: ${file.replace(/[.]/g, '\\.')}:3:\\d+: config is not valid YAML: `));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
