// The plain-subset reader (src/load/plain-yaml.ts) against js-yaml (src/load/yaml-chunks.ts):
// for every document it accepts, the same values (types and key order included), root
// offset, YAML 1.1 ambiguities and position index; and it gives up on what it does not read.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readPlainDocument } from '../../src/load/plain-yaml.js';
import { readChunk, splitDocuments, type DocData } from '../../src/load/yaml-chunks.js';
import { corpusTest } from '../corpus.js';
import { ROOT } from '../helpers.js';

/** The comparable content of a document: value, offsets, and the index's arrays. */
function shape(d: DocData) {
  const p = d.positions as unknown as { nodes: Int32Array; keys?: Map<number, string> };
  return { value: d.value, nodeStart: d.nodeStart, aliasBomb: d.aliasBomb, ambiguous: d.ambiguous, nodes: [...p['nodes']], keys: [...(p['keys'] ?? new Map())] };
}

/** Compares the two readers on every document of `text`; returns how many the fast one read. */
function compare(text: string, name: string): { read: number; total: number } {
  let read = 0;
  const chunks = splitDocuments(text);
  for (const c of chunks) {
    const fast = readPlainDocument(text, c.start, c.end);
    if (!fast) continue;
    const slow = readChunk(text, c.start, c.end);
    assert.ok(slow.ok, `${name} @${c.start}: the fast reader accepted a document js-yaml refuses`);
    if (!slow.ok) continue;
    assert.equal(fast.map(shape), slow.docs.map(shape), `${name} @${c.start}`);
    // deep equality ignores prototypes: objects must be plain, as js-yaml makes them
    read++;
  }
  return { read, total: chunks.length };
}

function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...fixtureFiles(full));
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

test('fixtures: every document the fast reader accepts reads as js-yaml reads it', () => {
  let read = 0;
  let total = 0;
  const files = fixtureFiles(join(ROOT, 'fixtures'));
  for (const f of files) {
    const r = compare(readFileSync(f, 'utf8'), f);
    read += r.read;
    total += r.total;
  }
  console.log(`  fixtures: ${files.length} files, ${read} of ${total} documents read by the fast reader`);
  assert.ok(read > total / 2, 'most fixture documents are in the plain subset');
});

corpusTest(test, 'corpus: every document the fast reader accepts reads as js-yaml reads it', (paths) => {
  let read = 0;
  let total = 0;
  for (const f of paths) {
    const r = compare(readFileSync(f, 'utf8'), f);
    read += r.read;
    total += r.total;
  }
  console.log(`  corpus: ${read} of ${total} documents read by the fast reader`);
  return paths.length;
});

const SAMPLES: Record<string, string> = {
  scalars: `a: 1\nb: yes\nc: "yes"\nd: 'it''s'\ne: ~\nf:\ng: 0755\nh: 1_000\ni: 1.5\nj: .inf\nk: -3\nl: +4\nm: 0x1F\nn: true\no: Off\np: null\nq: "#x" # c\nr: a#b\ns: a #b\nt: http://x:80/y\nu: -x\nv: ?x\nw: :x\nx: 12:30\ny: 1e3\nz: 2024-01-01\n`,
  'keys of other types': `1: a\ntrue: b\n~: d\n0x10: e\n"q k": f\n'r k': g\noff: h\n`,
  nesting: `metadata:\n  name: x\n  labels:\n    a: b\nspec:\n  rules:\n  - host: h\n    http:\n      paths:\n        - path: /\n          backend:\n            service:\n              name: s\n        -   path: /b\n            pathType: Prefix\n        -\n          path: /c\n        - plain\n        - 'quoted'\n        -\n  tls:\n    - hosts:\n      - a\n      - b\n`,
  comments: `# head\n---  # marker\n\n# between\napiVersion: v1 # trailing\n  # indented comment\nkind: X\n\n\nlist:\n# at column 0 inside\n  - a\n`,
  'indented root': `  a: 1\n  b:\n    c: 2\n`,
  'no newline at the end': `a: 1\nb: [x]`.replace(': [x]', ': x'),
  'empty values': `a:\nb:\n  - \n  -\nc: ""\nd: ''\n`,
};

test('samples: values, positions and ambiguities as js-yaml', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    const r = compare(text, name);
    assert.is(r.read, r.total, `${name}: read by the fast reader`);
  }
});

const GIVE_UP: Record<string, string> = {
  'flow mapping': 'a: {b: 1}\n',
  'flow sequence': 'a: [1, 2]\n',
  'block scalar': 'a: |\n  x\n',
  'folded scalar': 'a: >-\n  x\n',
  anchor: 'a: &x 1\nb: *x\n',
  tag: 'a: !!str 1\n',
  'multi-line plain': 'a: b\n  c\n',
  'multi-line quoted': 'a: "b\n  c"\n',
  'double-quoted escape': 'a: "b\\tc"\n',
  'duplicate key': 'a: 1\na: 2\n',
  merge: 'a: 1\n<<: {b: 2}\n',
  proto: '__proto__: 1\n',
  tab: 'a:\tb\n',
  crlf: 'a: b\r\n',
  'non-ASCII': 'a: é\n',
  'value after value': 'a: b: c\n',
  'sequence root': '- a\n- b\n',
  'scalar root': 'just text\n',
  'compact nested sequence': 'a:\n- - b\n',
  'bad indentation': 'a:\n    b: 1\n  c: 2\n',
  directive: '%YAML 1.1\n---\na: 1\n',
  'document end': 'a: 1\n...\n',
  'complex key': '? a\n: b\n',
  'scalar on its own line': 'a:\n  b\n',
  'content after the marker': '--- a: 1\n',
};

test('gives up on what it does not read: js-yaml reads (or refuses) those', () => {
  for (const [name, text] of Object.entries(GIVE_UP)) {
    assert.is(readPlainDocument(text, 0, text.length), undefined, name);
  }
});

/** A small seeded generator: the same mutations on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
}

test('mutated fixtures: whatever the fast reader still accepts, js-yaml reads the same', () => {
  const rand = prng(14);
  const texts = fixtureFiles(join(ROOT, 'fixtures')).map((f) => readFileSync(f, 'utf8')).filter((t) => readPlainDocument(t, 0, t.length) !== undefined && t.length < 4000);
  // small edits that break or change YAML: a character inserted, deleted or repeated, a line moved in or out
  const pieces = [' ', '  ', '\n', ':', ': ', '- ', '#', ' #', "'", '"', '-', 'x', '0', '~', 'yes', '\n  ', '\n- '];
  let accepted = 0;
  const runs = 3000;
  for (let i = 0; i < runs; i++) {
    const t = texts[Math.floor(rand() * texts.length)];
    const at = Math.floor(rand() * t.length);
    const op = rand();
    const mutated = op < 0.4 ? t.slice(0, at) + pieces[Math.floor(rand() * pieces.length)] + t.slice(at) : op < 0.7 ? t.slice(0, at) + t.slice(at + 1 + Math.floor(rand() * 3)) : t.slice(0, at) + t.slice(at, at + 8) + t.slice(at);
    accepted += compare(mutated, `mutation ${i}`).read ? 1 : 0;
  }
  console.log(`  ${runs} mutations of ${texts.length} plain fixtures: ${accepted} still accepted by the fast reader and compared`);
  assert.ok(accepted > runs / 10);
});

test.run();
