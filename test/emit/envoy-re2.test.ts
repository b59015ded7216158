// Regex paths on Envoy: the RE2 gate, and the full-match translation of ingress-nginx's
// `~* ^PATTERN` checked against the model's reading with real RE2 (re2-wasm).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compilePathRegex, regexProblem, wholePathRegex } from '../../src/model/regex.js';
import { fullMatchRegex } from '../../src/emit/envoy/paths.js';
import { escapeRegex, hasTopLevelAlternation, re2Problem } from '../../src/emit/envoy/re2.js';
import { re2FullMatch, re2GlobalReplace } from '../envoy/evaluate.js';

const ACCEPTED = ['/api/v[0-9]+', '/foo|/bar', '^/a|b', '/s(/|$)(.*)', '/x\\.y', '/[a-z-]+/\\d{2,4}$', '/(?:a|b)+c?', '/w\\w*\\b', '/[^/]+/edit', '', '/a.*?z', '/x{3}', '/[\\]\\-]'];
const PATHS = ['/', '/api/v2', '/API/V12/users', '/api/v', '/x/api/v2', '/foo', '/FOO/x', '/x/bar', '/bar', '/b', '/ab', '/s', '/s/', '/s/abc', '/sx', '/x.y', '/xzy', '/abc/1234', '/abc/12', '/abc/12345', '/aac', '/ababc', '/ww', '/w w', '/page/edit', '/page/edit/x', '/a-z', '/xxx', '/xx', '/]', '/-'];

test('each accepted pattern means on RE2 what it means to the model (case-insensitive, anchored at the start)', () => {
  let compared = 0;
  for (const p of ACCEPTED) {
    assert.is(regexProblem(p), undefined, `the model accepts ${p}`);
    assert.is(re2Problem(p), undefined, `the gate accepts ${p}`);
    for (const path of PATHS) {
      assert.is(re2FullMatch(fullMatchRegex(p), path), compilePathRegex(p).test(path), `${p} on ${path}`);
      compared++;
    }
  }
  assert.ok(compared > 300);
});

test('wholePathRegex in every syntax (anchors written out for Traefik, greedy for Gateway API) means the model\'s reading on RE2', () => {
  let compared = 0;
  for (const syntax of [{ anchors: true }, { greedy: true }, { anchors: true, greedy: true }]) {
    for (const p of ACCEPTED) {
      // "/x/foo": a top-level "|" leaves "^" on the first alternative only
      for (const path of [...PATHS, '/x/foo']) {
        assert.is(re2FullMatch(wholePathRegex(p, syntax), path), compilePathRegex(p).test(path), `${JSON.stringify(syntax)}: ${p} on ${path}`);
        compared++;
      }
    }
  }
  assert.ok(compared > 900);
});

test('the gate refuses syntax RE2 and JavaScript read differently, with a reason', () => {
  const refused: [string, RegExp][] = [
    ['/a\\u0041', /escape "\\u"/],
    ['/[[:alpha:]]', /"\[" inside a character class/],
    ['/a{,3}', /"\{" must start a repetition/],
    ['/a{2000}', /above 1000/],
    ['/x\\cA', /escape "\\c"/],
    ['/[]a]', /may not start with "\]"/],
    ['/é', /printable ASCII/],
    ['/a]', /bare "\]"/],
    ['/(?i)a', /"\(\?" groups other than/],
    ['/a**', /quantifier may not follow another/],
    ['/^*', /may not follow an anchor/],
    ['/[\\d-z]', /must start a range from a single character/],
    ['/[z-a]', /reversed/],
    ['/a\\', /ends with/],
    ['/(a', /missing "\)"/],
    ['/a)', /unbalanced/],
    ['/\\1', /escape "\\1"/],
  ];
  for (const [p, why] of refused) {
    const problem = re2Problem(p);
    assert.ok(problem, p);
    assert.match(problem!, why, p);
  }
});

test('top-level alternation is found outside groups and classes only', () => {
  assert.ok(hasTopLevelAlternation('/a|/b'));
  assert.not.ok(hasTopLevelAlternation('/(a|b)'));
  assert.not.ok(hasTopLevelAlternation('/[|]'));
  assert.not.ok(hasTopLevelAlternation('/a\\|b'));
});

test('escapeRegex makes a literal', () => {
  const s = '.foo.com(x)[y]{z}*+?^$|\\';
  assert.ok(re2FullMatch(escapeRegex(s), s));
  assert.not.ok(re2FullMatch(escapeRegex('.foo.com'), 'xfooxcom'));
});

test('RE2 GlobalReplace over a whole-path pattern replaces the path once', () => {
  assert.is(re2GlobalReplace('.*', '/abc', '/x'), '/x');
  assert.is(re2GlobalReplace(fullMatchRegex('/s(/|$)(.*)'), '/s/a/b', '/\\2'), '/a/b');
  assert.is(re2GlobalReplace('b', 'abcb', 'X'), 'aXcX');
});

test.run();
