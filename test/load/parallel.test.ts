// Large inputs are read on two threads (src/load/parallel.ts): whatever the worker reads must
// come out exactly as one thread reads it: values (key order, own __proto__ keys, NaN, -0,
// shared alias subtrees), positions of every key and value, findings, ambiguities.
// The worker is forced ('split': it reads the second half of the batches) on small texts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseText, type ParsedFile } from '../../src/load/parse.js';
import { loadInputs, type LoadResult } from '../../src/load/index.js';
import { lastRead, type ParallelOptions } from '../../src/load/parallel.js';
import type { Document } from '../../src/load/document.js';
import { corpusTest } from '../corpus.js';
import { ROOT, canon } from '../helpers.js';

/** The bench's generated input: N Ingresses (git-like: no Secrets or Services). */
function generate(n: number, { gitLike = false } = {}): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'bench/generate.mjs'), String(n), ...(gitLike ? ['--git-like'] : [])], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

/** Every field path of a value (each shared subtree once, so cycles end), and one that is absent. */
function paths(value: unknown): (string | number)[][] {
  const out: (string | number)[][] = [['no-such-field']];
  const seen = new Set<object>();
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v !== 'object' || v === null || seen.has(v) || v instanceof Uint8Array) return;
    seen.add(v);
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
    for (const [k, x] of entries) {
      out.push([...path, k]);
      walk(x, [...path, k]);
    }
    out.push([...path, 'absent']);
  };
  walk(value, []);
  return out;
}

/** What a document is, as everything after the load sees it: value, file, where it sits, where each field is. */
function describe(d: Document): string {
  const where = paths(d.obj).map((p) => `${p.join('.')}=${JSON.stringify(d.locate(p))}/${JSON.stringify(d.locate(p, 'key'))}/${JSON.stringify(d.start(p))}`);
  return [d.file, d.kind, d.namespace, d.basePath.join('.'), canon(d.obj), ...where].join('\n');
}

function assertSame(a: ParsedFile | LoadResult, b: ParsedFile | LoadResult): void {
  assert.is(a.documents.length, b.documents.length);
  a.documents.forEach((d, i) => assert.fixture(describe(d), describe(b.documents[i])));
  assert.equal(a.findings, b.findings);
  assert.equal(a.ambiguities, b.ambiguities);
  if ('files' in a && 'files' in b) assert.equal(a.files, b.files);
}

/** The text read with the worker forced (batches of `batchChars`) and without; the worker must have read part of it. */
function compare(text: string, batchChars: number): ParsedFile {
  const split: ParallelOptions = { worker: 'split', batchChars };
  const two = parseText('input.yaml', text, split);
  assert.ok(lastRead.byWorker > 0 && lastRead.byWorker >= lastRead.batches >> 1, `the worker read ${lastRead.byWorker} of ${lastRead.batches} batches`);
  const one = parseText('input.yaml', text, { worker: 'never' });
  assertSame(two, one);
  return two;
}

const BOMB = 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f]\n';

/** Documents meant to break a transfer between threads, each in both halves. */
function hostile(): string[] {
  const svc = (name: string, extra = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  labels: {flag: yes, mode: 0755, big: 1_000}\n${extra}spec:\n  ports:\n    - port: 80\n`;
  return [
    svc('plain'),
    svc('numbers', 'data:\n  nan: .nan\n  inf: .inf\n  ninf: -.inf\n  negzero: -0.0\n  negzeroint: -0\n  octal: 0o17\n  sexagesimal: 1:30\n  huge: 1e400\n  tiny: 5e-324\n'),
    svc('binary', 'data:\n  bytes: !!binary aGVsbG8=\n'),
    svc('proto', 'extra:\n  __proto__: {polluted: yes}\n  "__proto__x": 1\n  constructor: c\n  "10": ten\n  "2": two\n  b: 1\n  a: 2\n'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata: &meta\n  name: aliased\n  labels: &labels {a: b}\ndata:\n  base: &base {x: 1, y: [1, 2]}\n  merged:\n    <<: *base\n    z: 3\n  again: *base\n  labels: *labels\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cycle}\ndata: &self\n  me: *self\n',
    BOMB,
    'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: item-a}\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: item-b, namespace: other}\n  - just a string\n',
    'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\ndata:\r\n  "quoted key": v\r\n  ? complex\r\n  : value\r\n  multi\r\n   line: key\r\n  block: |\r\n    text\r\n    --- not a marker (indented)\r\n',
    'kind: [broken\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dup}\ndata: {a: 1, a: 2}\n',
    '# only a comment\n',
    '',
    'just a scalar\n',
    '- a sequence\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "ünïcode ✓ 🦄 \\ud800 lone"\n  namespace: ns-é\ndata:\n  emoji: "🦄🦄"\n',
    '%YAML 1.1\n%TAG !k! tag:example.com,2000:\n--- !!map\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: directives}\ndata: {tagged: !!str 123, int: !!int "7"}\n...\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: unterminated\ndata:\n  s: "no end\n',
  ];
}

test('hostile documents read on two threads come out as on one (each in both halves, several batch sizes)', () => {
  const docs = hostile();
  // a document with directives follows an explicit end of document ("...") instead of "---"
  const text = [...docs, ...docs].map((d, i) => (i === 0 ? d : d.startsWith('%') ? `...\n${d}` : `---\n${d}`)).join('\n');
  for (const batchChars of [1, 150, 600]) {
    const r = compare(text, batchChars);
    // the inputs did what they are for: both halves hold each finding and each special value
    assert.is(r.findings.filter((f) => /alias bomb/.test(f.message)).length, 2);
    assert.ok(r.findings.filter((f) => /YAML syntax error/.test(f.message)).length >= 4);
    const numbers = r.documents.filter((d) => d.name === 'numbers');
    assert.is(numbers.length, 2);
    assert.ok(Number.isNaN((numbers[1].obj.data as any).nan) && Object.is((numbers[1].obj.data as any).negzero, -0));
    assert.ok(Object.hasOwn(r.documents.find((d) => d.name === 'proto')!.obj.extra as object, '__proto__'));
    assert.ok(r.documents.filter((d) => d.name === 'item-b').length === 2);
  }
});

test('a text starting with a byte order mark, CRLF, a document marker exactly at a batch boundary', () => {
  const doc = (i: number) => `apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: m${i}\r\n`;
  const text = Array.from({ length: 8 }, (_, i) => `---\r\n${doc(i)}`).join('');
  // every batch is exactly one chunk (documents are all the same length)
  compare(text, text.length / 8);
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-parallel-'));
  try {
    writeFileSync(join(dir, 'bom.yaml'), '\uFEFF' + text);
    const two = loadInputs([join(dir, 'bom.yaml')], { parallel: { worker: 'split', batchChars: 100 } });
    assert.ok(lastRead.byWorker > 0);
    assertSame(two, loadInputs([join(dir, 'bom.yaml')], { parallel: { worker: 'never' } }));
    assert.is(two.documents.length, 8);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('by default one thread reads a text under 8 MiB, and many files (sharing them is not the default)', () => {
  lastRead.batches = -1;
  parseText('input.yaml', generate(120, { gitLike: true }));
  assert.is(lastRead.batches, -1);
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-parallel-'));
  try {
    const text = generate(300, { gitLike: true });
    for (let i = 0; i < 20; i++) writeFileSync(join(dir, `f${i}.yaml`), text);
    assert.is(loadInputs([dir]).documents.length, 300);
    assert.is(lastRead.batches, -1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('generated bench inputs (git-like and complete) read on two threads come out as on one', () => {
  compare(generate(120, { gitLike: true }), 20_000);
  compare(generate(120), 20_000);
});

test('loadInputs with the worker: objects defined twice across the halves, ambiguities, the same files and findings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-parallel-'));
  try {
    const text = generate(40, { gitLike: true });
    // the first Ingress again at the end: object-defined-twice names a line in the other half
    const first = text.split(/^---$/m).filter((d) => d.trim())[0];
    writeFileSync(join(dir, 'all.yaml'), `${text}\n---\n${first}`);
    const two = loadInputs([join(dir, 'all.yaml')], { parallel: { worker: 'split', batchChars: 3000 } });
    assert.ok(lastRead.byWorker > 0);
    const one = loadInputs([join(dir, 'all.yaml')], { parallel: { worker: 'never' } });
    assertSame(two, one);
    assert.ok(two.findings.some((f) => f.ruleId === 'object-defined-twice'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

corpusTest(test, 'the corpus read on two threads comes out as on one', (files) => {
  // one text of every corpus file (each starts a document), read in small batches
  const text = files.map((f) => readFileSync(f, 'utf8').replace(/^\uFEFF/, '')).map((t) => (t.startsWith('%') ? `...\n${t}` : `---\n${t}`)).join('\n');
  compare(text, 4000);
  return files.length;
});

/** The same paths loaded with the worker sharing the files ('split': it reads the second half) and without. */
function compareFiles(paths: string[]): LoadResult {
  const two = loadInputs(paths, { parallel: { worker: 'split' } });
  assert.ok(lastRead.byWorker > 0 && lastRead.byWorker <= lastRead.batches, `the worker read ${lastRead.byWorker} of ${lastRead.batches} files`);
  const one = loadInputs(paths, { parallel: { worker: 'never' } });
  assertSame(two, one);
  return two;
}

test('many files shared with the worker: unreadable, binary, template and non-Kubernetes files in its half come out as on one thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-parallel-'));
  try {
    const docs = hostile();
    docs.forEach((d, i) => writeFileSync(join(dir, `a${String(i).padStart(2, '0')}.yaml`), d));
    writeFileSync(join(dir, 'b-binary.yaml'), Buffer.from([0x61, 0x3a, 0x00, 0x01]));
    writeFileSync(join(dir, 'b-latin1.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    writeFileSync(join(dir, 'b-template.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n');
    writeFileSync(join(dir, 'b-workflow.yaml'), 'on: push\njobs: {build: {runs-on: ubuntu-latest}}\n');
    writeFileSync(join(dir, 'b-bom-crlf.yaml'), '\uFEFFapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: bom\r\n');
    writeFileSync(join(dir, 'c-twice.yaml'), docs[0]); // object-defined-twice across the halves
    const r = compareFiles([dir]);
    assert.ok(r.findings.some((f) => f.ruleId === 'invalid-input' && !!f.file?.endsWith('b-binary.yaml')));
    assert.ok(r.findings.some((f) => f.ruleId === 'template-file'));
    assert.ok(r.findings.some((f) => f.ruleId === 'object-defined-twice'));
    assert.not.ok(r.files.some((f) => f.endsWith('b-workflow.yaml')));
    // named on the command line, a missing file is still an input error, whoever reaches it
    assert.throws(() => loadInputs([join(dir, 'a00.yaml'), join(dir, 'a01.yaml'), join(dir, 'missing.yaml')], { parallel: { worker: 'split' } }), /no such file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

corpusTest(test, 'the corpus files shared with the worker come out as on one thread', (files) => {
  compareFiles(files);
  return files.length;
});

test.run();
