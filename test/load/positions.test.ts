// Positions recorded in the one parse: every scalar's key and value are located where the
// `yaml` library (an independent parser with exact node ranges) says they are written.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments, isMap, isSeq, isScalar, isPair, type Node } from 'yaml';
import { parseText } from '../../src/load/parse.js';
import { SourceText } from '../../src/load/source.js';

const TEXTS: Record<string, string> = {
  block: `apiVersion: v1
kind: Service
metadata:
  name: web
  labels: {app: web, "quoted key": 'v', tier: "front"}
spec:
  ports:
    - name: http
      port: 80
    - {name: https, port: 443}
  selector:
    app: web
`,
  'several documents, comments, CRLF': '# head\r\n---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: a # trailing\r\ndata:\r\n  "k 1": x\r\n  \'k2\': "y"\r\n---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: b}\r\ndata:\r\n  long: |\r\n    line one\r\n    line two\r\n  folded: >-\r\n    a\r\n    b\r\n  after: z\r\n',
  'nested sequences and unicode': `kind: Thing
metadata:
  name: "ünïcode ✓"
spec:
  matrix:
    - - a
      - b
    - - c
  "é": [1, 2, [3, 4]]
  empty:
  last: end
`,
};

/** Every scalar value below `node` with its path and offset, as the yaml library sees them. */
function scalars(node: Node | null | undefined, path: (string | number)[], out: { path: (string | number)[]; offset: number; keyOffset?: number }[], keyOffset?: number): void {
  if (!node) return;
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      scalars(item.value as Node, [...path, String(item.key.value)], out, item.key.range![0]);
    }
  } else if (isSeq(node)) node.items.forEach((item, i) => scalars(item as Node, [...path, i], out));
  // block scalars (| and >) are located at their first line of text, not at the indicator
  else if (isScalar(node) && node.range && node.range[1] > node.range[0] && !String(node.type).startsWith('BLOCK')) out.push({ path, offset: node.range[0], keyOffset });
}

function lineCol(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset);
  return [before.split('\n').length, offset - before.lastIndexOf('\n')];
}

for (const [name, text] of Object.entries(TEXTS)) {
  test(`positions of every key and value: ${name}`, () => {
    const ours = parseText('t.yaml', text).documents;
    const theirs = parseAllDocuments(text).filter((d) => d.contents);
    assert.is(ours.length, theirs.length);
    let checked = 0;
    theirs.forEach((d, i) => {
      const found: { path: (string | number)[]; offset: number; keyOffset?: number }[] = [];
      scalars(d.contents as Node, [], found);
      for (const s of found) {
        const loc = ours[i].locate(s.path);
        assert.equal([loc.line, loc.column], lineCol(text, s.offset), `value of ${s.path.join('.')}`);
        if (s.keyOffset !== undefined) {
          const key = ours[i].locate(s.path, 'key');
          assert.equal([key.line, key.column], lineCol(text, s.keyOffset), `key of ${s.path.join('.')}`);
        }
        checked++;
      }
    });
    assert.ok(checked > 5);
  });
}

test('an empty value is located at its key; a missing field at its parent', () => {
  const text = TEXTS['nested sequences and unicode'];
  const [doc] = parseText('t.yaml', text).documents;
  assert.equal([doc.locate(['spec', 'empty']).line, doc.locate(['spec', 'empty']).column], [10, 3]);
  assert.equal([doc.locate(['spec', 'missing', 'deeper']).line, doc.locate(['spec', 'missing']).column], [5, 3]);
  assert.equal(doc.locate(['spec', 'matrix', 7]).line, 6);
});

test('the objects of a kind: List are located inside the list', () => {
  const text = 'apiVersion: v1\nkind: List\nitems:\n  - kind: A\n    metadata: {name: one}\n  - kind: B\n    metadata:\n      name: two\n';
  const docs = parseText('t.yaml', text).documents;
  assert.equal(docs.map((d) => d.locate(['metadata', 'name']).line), [5, 8]);
  assert.equal(docs.map((d) => d.locate(['metadata', 'name']).column), [22, 13]);
});

test('anchors, aliases and merge keys: a field is located where it is written', () => {
  const text = 'kind: A\nbase: &b\n  x: 1\nspec:\n  <<: *b\n  y: &v 2\n  z: *v\n';
  const [doc] = parseText('t.yaml', text).documents;
  assert.equal(doc.locate(['spec', 'y']).line, 6);
  assert.equal(doc.locate(['spec', 'y']).column, 6); // at the anchor
  assert.equal([doc.locate(['spec', 'z']).line, doc.locate(['spec', 'z']).column], [7, 6]);
  // a merged key is written elsewhere: reported on the mapping that merges it
  assert.is(doc.locate(['spec', 'x']).line, 5);
});

test('a large input read in batches: a broken document or an alias bomb hides no other, positions stay exact', () => {
  const docs = Array.from({ length: 4000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  labels: {flag: yes}\nspec:\n  ports:\n    - port: ${1 + i}\n${"  # padding\n".repeat(10)}`);
  docs.splice(2500, 0, 'kind: [broken\n');
  // an alias bomb late in the input, in a batch of its own documents
  docs.splice(3500, 0, 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f]\n');
  const text = docs.join('---\n');
  assert.ok(text.length > 2 * 256 * 1024);
  const parsed = parseText('big.yaml', text);
  assert.is(parsed.documents.length, 4000);
  assert.is(parsed.findings.length, 2);
  assert.match(parsed.findings[0].message, /YAML syntax error/);
  assert.match(parsed.findings[1].message, /alias bomb/);
  assert.is(parsed.findings[0].line, 2500 * 19 + 2);
  assert.is(parsed.ambiguities.length, 4000);
  const lines = text.split('\n');
  for (const i of [0, 2499, 2500, 3498, 3499, 3999]) {
    const d = parsed.documents[i];
    assert.is(d.name, `svc-${i}`);
    assert.is(lines[d.locate(['metadata', 'name']).line - 1], `  name: svc-${i}`);
    assert.is(lines[d.locate(['spec', 'ports', 0, 'port']).line - 1], `    - port: ${1 + i}`);
  }
});

test('line and column of offsets asked for in text order, backwards and at random, as counted from the start', () => {
  // lines of 0 to 20 characters, some empty; the last line has no newline
  const text = Array.from({ length: 3000 }, (_, i) => 'x'.repeat((i * 7) % 21) + (i % 13 === 0 ? '\n\n' : '\n')).join('') + 'tail';
  const counted = (o: number) => {
    const before = text.slice(0, o);
    return { line: before.split('\n').length, column: o - (before.lastIndexOf('\n') + 1) + 1 };
  };
  const source = new SourceText('f.yaml', text);
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const offsets: number[] = [];
  for (let o = 0; o <= text.length; o += 1 + random(30)) offsets.push(o); // forwards, a few lines at a time
  for (let o = text.length; o >= 0; o -= 1 + random(400)) offsets.push(o); // backwards
  for (let i = 0; i < 2000; i++) offsets.push(random(text.length + 1)); // anywhere
  offsets.push(0, text.length, text.length - 4, text.indexOf('\n'), text.indexOf('\n') + 1);
  for (const o of offsets) assert.equal(source.position(o), counted(o), `offset ${o}`);
});

test.run();

test('fields located one after another, in any order, are located as if each were the only one', () => {
  // the index reuses the part of a path the last located one shares: order must not matter
  const other = parseText('o.yaml', 'kind: Other\nspec: {a: 1}\n').documents[0];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let checked = 0;
  for (const text of Object.values(TEXTS)) {
    const ours = parseText('t.yaml', text).documents;
    parseAllDocuments(text).filter((d) => d.contents).forEach((d, i) => {
      const found: { path: (string | number)[]; offset: number }[] = [];
      scalars(d.contents as Node, [], found);
      // every prefix of every path, a missing field below each, and a key of each
      const paths: (string | number)[][] = [];
      for (const { path } of found) for (let n = 0; n <= path.length; n++) paths.push(path.slice(0, n), [...path.slice(0, n), 'missing', 0], [...path.slice(0, n), 9]);
      const alone = (p: (string | number)[], at: 'key' | 'value') => {
        other.locate(['spec', 'a']);
        return ours[i].locate(p, at);
      };
      const want = paths.map((p) => [alone(p, 'value'), alone(p, 'key')]);
      for (let round = 0; round < 20; round++) {
        const order = paths.map((_, k) => k).sort(() => next() - 0.5);
        for (const k of order) {
          assert.equal([ours[i].locate(paths[k], 'value'), ours[i].locate(paths[k], 'key')], want[k], `${paths[k].join('.')} (round ${round})`);
          checked++;
        }
      }
    });
  }
  assert.ok(checked > 1000);
});
