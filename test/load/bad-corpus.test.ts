// fixtures/bad/: every command on every bad input ends with a clear message (file:line:col),
// the documented exit code, no stack trace, in bounded time; `render -o` leaves nothing
// behind when it refuses. Inputs too large to commit (50 MB, 10,000 documents, a 1 MB
// line, a symlink loop) are made here; a 50 MB one and /dev/zero in bounded-read.test.ts. serve's side is in bad-corpus-serve.test.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers.js';
import { BAD_FILES, clear, expectedClass, expectedCodes, timed } from './bad-helpers.js';



test(`fixtures/bad holds at least 60 inputs, each classified`, () => {
  assert.ok(BAD_FILES.length >= 60, `${BAD_FILES.length} files`);
});

for (const file of BAD_FILES) {
  const path = `fixtures/bad/${file}`;
  const cls = expectedClass(file);
  test(`${file} (${cls}): routes, explain, lint and render end clearly with the documented code`, async () => {
    const located = new RegExp(`${path.replace(/[.]/g, '\\.')}:\\d+:\\d+: error: `);
    for (const argv of [['routes', path], ['routes', path, '-o', 'json'], ['explain', 'http://bad.example.com/x', path], ['render', path], ['render', path, '--target', 'envoy']]) {
      const r = await timed(argv);
      const what = argv.join(' ');
      clear(r, what);
      const code = argv[0] === 'render' ? expectedCodes(cls).render : expectedCodes(cls).model;
      assert.is(r.code, code, `${what}: exit ${r.code}\n${r.stderr}`);
      if (cls === 'empty') assert.match(r.stderr, /^ingressctl: no Ingress or route objects found in /m, `${what}: ${r.stderr}`);
      else if (code !== 0) assert.match(r.stderr, located, `${what}: no file:line:col error\n${r.stderr}`);
    }
    const lint = await timed(['lint', path, '--format', 'json']);
    clear(lint, 'lint');
    if (cls === 'empty') {
      assert.is(lint.code, 2, 'lint: nothing to lint is not a clean result');
      return;
    }
    assert.is(lint.code, cls === 'unusable' || cls === 'findings' ? 1 : lint.code, `lint: exit ${lint.code}`);
    assert.ok(lint.code === 0 || lint.code === 1, `lint: exit ${lint.code}`);
    JSON.parse(lint.stdout); // the report is whole even when a file is not
  });
}

test('render -o: refused input leaves no folder and no temporary files; accepted input writes keys 0600', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-bad-render-'));
  try {
    for (const file of BAD_FILES) {
      const cls = expectedClass(file);
      const out = join(dir, file.replace(/\W/g, '_'));
      const r = await timed(['render', `fixtures/bad/${file}`, '-o', out]);
      clear(r, `render -o ${file}`);
      assert.is(r.code, expectedCodes(cls).render, `${file}: exit ${r.code}`);
      if (cls === 'unusable' || cls === 'empty') assert.not.ok(existsSync(out), `${file}: ${out} was written`);
      else for (const key of readdirSync(join(out, 'certs')).filter((f) => f.endsWith('.key'))) assert.is(statSync(join(out, 'certs', key)).mode & 0o777, 0o600, `${file}: ${key}`);
    }
    assert.equal(readdirSync(dir).filter((n) => n.startsWith('.')), [], 'temporary folders left behind');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('generated: 10,000 documents in one file load in bounded time; a 1 MB line too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-bad-many-'));
  try {
    const docs = Array.from({ length: 10_000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec:\n  ports: [{port: 80}]\n`).join('---\n');
    writeFileSync(join(dir, 'many.yaml'), docs + '---\n' + 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  defaultBackend: {service: {name: s9999, port: {number: 80}}}\n');
    const many = await timed(['routes', join(dir, 'many.yaml'), '-o', 'json']);
    clear(many, 'routes many');
    assert.is(many.code, 0, many.stderr);
    assert.is(JSON.parse(many.stdout).defaultBackend.backend.service, 's9999');
    writeFileSync(join(dir, 'long.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: long}\ndata:\n  k: "' + 'x'.repeat(1_000_000) + '\n');
    for (const argv of [['lint'], ['routes']]) {
      const long = await timed([...argv, join(dir, 'long.yaml')]);
      clear(long, `${argv[0]} long`);
      assert.is(long.code, argv[0] === 'lint' ? 1 : 2);
      assert.match(long.stderr + long.stdout, argv[0] === 'lint' ? /\n\s+6:1\s+error\s+YAML syntax error/ : /long\.yaml:6:1: error: YAML syntax error/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('generated: a directory loop through symlinks is walked once by every command', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-bad-loop-'));
  try {
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', 'b', 'web.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules: [{host: loop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]\n');
    symlinkSync(dir, join(dir, 'a', 'b', 'up'));
    symlinkSync(join(dir, 'a'), join(dir, 'a', 'b', 'again'));
    for (const argv of [['routes', dir], ['explain', 'http://loop.example.com/', dir], ['lint', dir], ['render', dir]]) {
      const r = await timed(argv);
      clear(r, argv[0]);
      assert.is(r.code, 0, `${argv[0]}: ${r.stderr}`);
    }
    const routes = await cli(['routes', dir, '-o', 'json']);
    assert.is(JSON.parse(routes.stdout).hosts[0].routes.length, 1, 'the looped file is read once');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
