// Large inputs are read on two threads; the result must be the same as on one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseText } from '../../src/load/parse.js';
import { PARALLEL_MIN_CHARS } from '../../src/load/parallel.js';

function bigInput(): string {
  const docs: string[] = [];
  // the length kept as it grows: joining every document again at each step was quadratic (33 s)
  for (let i = 0, length = 0; length < PARALLEL_MIN_CHARS * 1.2; i++) {
    docs.push(`---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  labels: {flag: yes, mode: "0755"}\nspec:\n  ports:\n    - port: ${1 + (i % 60000)}\n${'  # padding\n'.repeat(40)}`);
    length += docs[i].length;
  }
  // a syntax error and an alias bomb in the second half
  docs.splice(docs.length - 3, 0, '---\nkind: [broken\n', '---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f]\n');
  return docs.join('');
}

test('two threads read a large input exactly as one does', () => {
  const text = bigInput();
  assert.ok(text.length > PARALLEL_MIN_CHARS);
  const parallel = parseText('big.yaml', text);
  process.env.INGRESSCTL_NO_WORKERS = '1';
  let serial;
  try {
    serial = parseText('big.yaml', text);
  } finally {
    delete process.env.INGRESSCTL_NO_WORKERS;
  }
  assert.is(parallel.documents.length, serial.documents.length);
  assert.equal(parallel.documents.map((d) => d.obj), serial.documents.map((d) => d.obj));
  assert.equal(parallel.findings, serial.findings);
  assert.equal(parallel.ambiguities, serial.ambiguities);
  assert.is(parallel.findings.length, 2);
  assert.match(parallel.findings[0].message, /YAML syntax error/);
  assert.match(parallel.findings[1].message, /alias bomb/);
  // positions of the last document come out right after the merge
  const last = parallel.documents[parallel.documents.length - 1];
  const lines = text.split('\n');
  assert.is(lines[last.locate(['metadata', 'name']).line - 1], `  name: ${last.name}`);
});

test.run();
