// serializeTo: sections whose lines are made while the file is written (the frontend of a
// large input), never held as data; written again, they are made again.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { line, note, serialize, serializeTo, type Line, type LineSection, type Section } from '../../src/emit/haproxy/config.js';

function lazySection(count: number, made: { n: number }): LineSection {
  function* lines(): Generator<Line> {
    for (let i = 0; i < count; i++) {
      made.n++;
      yield note(`route ${i}`);
      yield line(['http-request', 'set-var(txn.route)', `str(r${i})`]);
    }
  }
  return { head: ['frontend', 'ingress'], lines: { [Symbol.iterator]: lines } };
}

test('lazy lines are made only while written, and the text equals the same lines given as an array', () => {
  const made = { n: 0 };
  const lazy = lazySection(5000, made);
  assert.is(made.n, 0);
  const pieces: string[] = [];
  serializeTo([{ head: ['global'], lines: [] }, lazy], ['header'], (p) => pieces.push(p));
  assert.is(made.n, 5000);
  assert.ok(pieces.length > 1, 'written in several pieces');
  const eager: Section = { head: ['frontend', 'ingress'], lines: [...lazySection(5000, { n: 0 }).lines] };
  assert.is(pieces.join(''), serialize([{ head: ['global'], lines: [] }, eager], ['header']));
  // written again: made again, the same text
  const again: string[] = [];
  serializeTo([{ head: ['global'], lines: [] }, lazy], ['header'], (p) => again.push(p));
  assert.is(made.n, 10000);
  assert.is(again.join(''), pieces.join(''));
});

test('an empty configuration is still one piece', () => {
  const pieces: string[] = [];
  serializeTo([], [], (p) => pieces.push(p));
  assert.equal(pieces, ['\n']);
});

test.run();
