// quote.ts and config.ts: one word per value, nothing the lexer or the ACL parser could
// read as syntax. (test/e2e/haproxy-quote.test.ts runs the same values through HAProxy.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { line, note, serialize, when } from '../../src/emit/haproxy/config.js';
import { comment, logFormatText, UnsafeValue, word, wordProblem } from '../../src/emit/haproxy/quote.js';

test('plain words are written as they are', () => {
  for (const w of ['cafe.example.com', '/tea', '%[var(txn.host)]', 'str(r1)', '*.foo.com', "h2,http/1.1"]) assert.is(word(w), w);
});

test('a word is written as it is exactly when it is plain printable ASCII (the character loop agrees with the pattern)', () => {
  const plain = /^[A-Za-z0-9!%&()*+,\-./:;<=>?@[\]^_`{|}~]+$/;
  const samples = ['', 'a', 'a b', "a'b", 'a$b', 'a#', '"', '\\', 'caf\u00e9', '\u0100', '\x7f', '~{}|'];
  for (let c = 0; c < 0x3000; c++) samples.push(String.fromCharCode(c), `a${String.fromCharCode(c)}z`);
  for (const s of samples) {
    let same: boolean;
    try {
      same = word(s) === s;
    } catch {
      same = false;
    }
    assert.is(same, plain.test(s), JSON.stringify(s));
  }
});

test('anything the lexer interprets is strongly quoted', () => {
  assert.is(word('two words'), "'two words'");
  assert.is(word('#x'), "'#x'");
  assert.is(word('$HOME'), "'$HOME'");
  assert.is(word('"x"'), `'"x"'`);
  assert.is(word('a\\b'), "'a\\b'");
  assert.is(word(''), "''");
});

test("a single quote closes the quotes, is escaped, and reopens them", () => {
  assert.is(word("it's"), "'it'\\''s'");
  assert.is(word("'"), "''\\'''");
});

test('control and non-ASCII characters are refused, never written', () => {
  for (const bad of ['a\nb', 'a\rb', 'a\0b', 'tab\there', 'caf\u00e9', '\u2028', '\x7f']) {
    assert.ok(wordProblem(bad), JSON.stringify(bad));
    assert.throws(() => word(bad), (e: unknown) => e instanceof UnsafeValue, JSON.stringify(bad));
  }
});

test('comments cannot end their line early', () => {
  assert.is(comment('a\nfrontend evil\r'), '# a?frontend evil?');
  assert.is(serialize([{ head: ['global'], lines: [note('x\n  bind :1')] }]), 'global\n  # x?  bind :1\n');
});

test('log-format text doubles "%" and refuses backslashes', () => {
  assert.is(logFormatText('/a%20b'), '/a%%20b');
  assert.throws(() => logFormatText('/a\\1'), (e: unknown) => e instanceof UnsafeValue);
});

test('ACL patterns that would read as syntax are refused', () => {
  for (const p of ['-i', '-m', '}', '{', '||', '!', '']) {
    const cfg = () => serialize([{ head: ['frontend', 'f'], lines: [line(['use_backend', 'b'], when({ fetch: 'path', flags: ['-m', 'str'], patterns: [p] }))] }]);
    assert.throws(cfg, (e: unknown) => e instanceof UnsafeValue, p);
  }
});

test('conditions: tests joined in order, alternatives with ||, negation', () => {
  const out = serialize([
    {
      head: ['frontend', 'f'],
      lines: [line(['http-request', 'deny'], { keyword: 'if', anyOf: [[{ acl: 'a' }, { not: true, fetch: 'path', flags: ['-m', 'beg'], patterns: ["/it's"] }], [{ acl: 'b' }]] })],
    },
  ]);
  assert.is(out, "frontend f\n  http-request deny if a !{ path -m beg '/it'\\''s' } || b\n");
});

test.run();
