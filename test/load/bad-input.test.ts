// Bad input: one clear message with file:line:col, exit 2, never a stack trace.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, mkdirSync, symlinkSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cli, ROOT } from '../helpers.js';

const noStack = (s: string) => !/\n\s+at .+:\d+:\d+\)?\n/.test(s);

const cases: [string, RegExp][] = [
  ['syntax-error.yaml', /syntax-error\.yaml:9:1: error: YAML syntax error/],
  ['duplicate-key.yaml', /duplicate-key\.yaml:5:3: error: YAML syntax error: duplicated mapping key/],
  ['not-a-mapping.yaml', /not-a-mapping\.yaml:1:1: error: document is a sequence/],
  ['alias-bomb.yaml', /alias-bomb\.yaml:1:1: error: aliases expand this document beyond/],
  ['binary.yaml', /binary\.yaml:5:1: error: not a text file: contains a NUL byte/],
  ['invalid-utf8.yaml', /invalid-utf8\.yaml:4:12: error: not valid UTF-8/],
  ['tab-indent.yaml', /tab-indent\.yaml:4:1: error: YAML syntax error: tab characters/],
];
for (const [file, expected] of cases) {
  test(`routes exits 2 with file:line:col for fixtures/invalid/${file}`, async () => {
    const r = await cli(['routes', `fixtures/invalid/${file}`]);
    assert.is(r.code, 2);
    assert.match(r.stderr, expected);
    assert.ok(noStack(r.stderr), r.stderr);
  });
}

test('UTF-16 (what PowerShell 5 redirects write) is named as such, not as a binary file', async () => {
  const r = await cli(['routes', 'fixtures/bad/utf16-bom.yaml']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /^fixtures\/bad\/utf16-bom\.yaml:1:1: error: UTF-16 text: manifests are read as UTF-8 \(convert it first, e\.g\. iconv -f UTF-16 -t UTF-8\) \[invalid-input\]$/m);
  assert.not.match(r.stderr, /NUL byte/);
});

test('standard input of the built CLI is checked as a file is: UTF-16 and bytes that are not UTF-8 are refused, never replaced', () => {
  const yaml = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n';
  const routes = (input: Buffer) => spawnSync(process.execPath, [join(ROOT, 'bin/ingressctl'), 'routes', '-'], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const utf16 = routes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, 'utf16le')]));
  assert.is(utf16.status, 2);
  assert.match(utf16.stderr, /^<stdin>:1:1: error: UTF-16 text: manifests are read as UTF-8/m);
  // read as text first, é became U+FFFD and the Service was read with a name it does not have
  const latin1 = routes(Buffer.from(`${yaml}  annotations: {a: caf\xe9}\n`, 'latin1'));
  assert.is(latin1.status, 2);
  assert.match(latin1.stderr, /^<stdin>:4:\d+: error: not valid UTF-8 \[invalid-input\]$/m);
});

test('a broken document does not hide the good ones in the same file', async () => {
  const r = await cli(['routes', 'fixtures/invalid/second-doc-broken.yaml']);
  assert.is(r.code, 2);
  assert.match(r.stdout, /good\.example\.com/);
  assert.match(r.stderr, /second-doc-broken\.yaml:23:1: error/);
});

test('a missing file exits 2 naming it', async () => {
  const r = await cli(['routes', 'fixtures/nope.yaml']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /fixtures\/nope\.yaml: no such file or directory/);
});

test('a directory with no manifests exits 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-empty-'));
  writeFileSync(join(dir, 'README.txt'), 'not a manifest');
  const r = await cli(['routes', dir]);
  rmSync(dir, { recursive: true });
  assert.is(r.code, 2);
  assert.match(r.stderr, /holds no manifests/);
});

test('an unreadable file exits 2', async () => {
  if (process.getuid?.() === 0) return; // root reads everything
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-perm-'));
  writeFileSync(join(dir, 'a.yaml'), 'kind: Service');
  chmodSync(join(dir, 'a.yaml'), 0);
  const r = await cli(['routes', join(dir, 'a.yaml')]);
  rmSync(dir, { recursive: true });
  assert.is(r.code, 2);
  assert.match(r.stderr, /permission denied/);
});

test('a file over the size limit is refused with a clear message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-big-'));
  const file = join(dir, 'big.yaml');
  writeFileSync(file, Buffer.alloc(50 * 1024 * 1024, 0x20));
  const r = await cli(['routes', file]);
  rmSync(dir, { recursive: true });
  assert.is(r.code, 2);
  assert.match(r.stderr, /big\.yaml:1:1: error: file is 50\.0 MiB, over the 32 MiB limit/);
});

test('a directory loop through symlinks is walked once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-loop-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n');
  symlinkSync(dir, join(dir, 'sub', 'loop'));
  const r = await cli(['routes', dir]);
  rmSync(dir, { recursive: true });
  assert.is(r.code, 0, r.stderr);
});

test('stdin "-" is read, BOM and CRLF accepted', async () => {
  const yaml = '\uFEFFapiVersion: networking.k8s.io/v1\r\nkind: Ingress\r\nmetadata:\r\n  name: crlf\r\nspec:\r\n  rules:\r\n    - host: crlf.example.com\r\n      http:\r\n        paths:\r\n          - path: /\r\n            pathType: Prefix\r\n            backend:\r\n              service:\r\n                name: s\r\n                port:\r\n                  number: 80\r\n';
  const r = await cli(['routes', '-', '-o', 'json'], yaml);
  assert.is(r.code, 0, r.stderr);
  const model = JSON.parse(r.stdout);
  assert.is(model.hosts[0].host, 'crlf.example.com');
  assert.is(model.hosts[0].routes[0].origin.file, '<stdin>');
  assert.is(model.hosts[0].routes[0].origin.line, 10);
});

test('-n sets the namespace of objects without one', async () => {
  const r = await cli(['routes', 'fixtures/cafe', '-n', 'shop', '-o', 'json']);
  assert.is(JSON.parse(r.stdout).hosts[0].routes[0].backend.namespace, 'shop');
});

test('objects of other kinds are skipped without findings and empty documents ignored; a note says there is no Ingress', async () => {
  const r = await cli(['routes', '-'], '---\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\n');
  assert.is(r.code, 0);
  assert.is(r.stderr, 'ingressctl: note: no Ingress or route objects found in standard input (read 1 object: Deployment)\n');
});

test('empty input is not success: exit 2 with one plain line, for routes, lint, render and explain', async () => {
  for (const cmd of [['routes'], ['lint'], ['render'], ['explain', 'http://a.example.com/']]) {
    for (const stdin of ['', '# only a comment\n', '---\n---\n']) {
      const r = await cli([...cmd, '-'], stdin);
      assert.is(r.code, 2, `${cmd[0]} ${JSON.stringify(stdin)}`);
      assert.is(r.stderr, 'ingressctl: no Ingress or route objects found in standard input: the input holds no Kubernetes objects\n');
      assert.is(r.stdout, '');
    }
  }
});

test('serve with empty input: exit 2 before listening, with the same line', async () => {
  const r = await cli(['serve', '--local', '-', '--http-port', '0', '--https-port', '0', '--no-watch'], '');
  assert.is(r.code, 2);
  assert.is(r.stderr, 'ingressctl: no Ingress or route objects found in standard input: the input holds no Kubernetes objects\n');
});

test('objects but no Ingress: lint and render say so on stderr and exit 0', async () => {
  for (const cmd of ['lint', 'render']) {
    const r = await cli([cmd, 'fixtures/cafe/cafe.yaml']);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stderr, /^ingressctl: note: no Ingress or route objects found in fixtures\/cafe\/cafe\.yaml \(read 4 objects: Deployment, Service\)$/m);
  }
});

test('schema errors name the field and suggest the v1 spelling', async () => {
  const yaml = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: old-style\nspec:\n  rules:\n    - host: a.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              serviceName: web\n              servicePort: 80\n';
  const r = await cli(['routes', '-'], yaml);
  assert.is(r.code, 1);
  assert.match(r.stderr, /<stdin>:13:15: error: unknown field "serviceName" in spec\.rules\[0\]\.http\.paths\[0\]\.backend \(did you mean "service\.name"\?\)/);
});

test('a usage error exits 2', async () => {
  const r = await cli(['routes', 'fixtures/cafe', '-o', 'xml']);
  assert.is(r.code, 2);
  const r2 = await cli(['explain']);
  assert.is(r2.code, 2);
  const r3 = await cli(['routes']);
  assert.is(r3.code, 2);
  assert.match(r3.stderr, /no input/);
});

test.run();
