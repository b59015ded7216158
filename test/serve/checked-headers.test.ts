import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkedList, checkedModifiers, checkedObject, fieldProblem, RefusalLog } from '../../src/serve/checked-headers.js';

test('a field is refused for a name that is no HTTP token or a value that is no header text', () => {
  assert.is(fieldProblem('x-ok', 'visible text, spaces too'), undefined);
  // the Gateway API allows any token (its readers accept these): serve writes them as nginx and HAProxy do
  for (const name of ['x_custom', 'x.y', "x$y!#%&'*+^`|~"]) assert.is(fieldProblem(name, 'v'), undefined, name);
  for (const name of ['x bad', 'x:bad', 'x(y)', 'x-\u00e9', 'x\r\ny', '', 'x'.repeat(257)]) assert.ok(fieldProblem(name, 'v'), JSON.stringify(name));
  for (const value of ['a\r\nX-Injected: 1', 'a\nb', 'a\u0000', 'caf\u00e9', 'tab\there']) assert.ok(fieldProblem('x-a', value), JSON.stringify(value));
});

test('lists, objects and modifiers keep only the fields that can be written, and name each one left out', () => {
  const told: string[] = [];
  const refuse = (name: string) => void told.push(name);
  assert.equal(checkedList(['x-a', 'ok', 'x-b', 'no\r\n', 'x c', 'ok'], refuse), ['x-a', 'ok']);
  assert.equal(checkedObject({ 'x-a': 'ok', 'set-cookie': ['a=1', 'b=\n2'], 'x-b': 3, 'x-c': 'caf\u00e9' }, refuse), { 'x-a': 'ok', 'set-cookie': ['a=1'], 'x-b': 3 });
  const mods = checkedModifiers([{ set: [{ name: 'x-s', value: 'ok' }, { name: 'x-t', value: '\r' }], add: [{ name: 'x y', value: 'ok' }], remove: ['x z'] }], refuse);
  assert.equal(mods, [{ set: [{ name: 'x-s', value: 'ok' }], add: [], remove: ['x z'] }]);
  assert.equal(told, ['x-b', 'x c', 'set-cookie', 'x-c', 'x-t', 'x y']);
});

test('the refusal log writes one printable line per route and header', () => {
  const lines: string[] = [];
  const log = new RefusalLog((l) => void lines.push(l));
  for (let i = 0; i < 3; i++) log.report('default/a a.example.com/ (Prefix)', 'X-A', 'its value has a line break');
  log.report('default/a a.example.com/ (Prefix)', 'x-a', 'again, other case');
  log.report('default/b b.example.com/ (Prefix)', 'x-a', 'its value has a line break');
  log.report(undefined, 'x\r\n\u001b[31m"', 'a bad name');
  assert.is(lines.length, 3, lines.join(''));
  for (const l of lines) assert.ok(/^ingressctl: [\x20-\x7e]+\n$/.test(l), JSON.stringify(l));
  assert.match(lines[2], 'header "x\\u{d}\\u{a}\\u{1b}[31m\\u{22}" not sent');
});

test('the refusal log is bounded, whatever a configuration holds', () => {
  let n = 0;
  const log = new RefusalLog(() => void n++);
  for (let i = 0; i < 5000; i++) log.report(`route ${i}`, 'x-a', 'p');
  assert.ok(n > 0 && n <= 1000, String(n));
});

test.run();
