import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lineBatch } from '../../src/serve/log-batch.js';

const turn = () => new Promise((r) => setImmediate(r));

test('the lines of one turn of the event loop go out in one write, in order, after that turn', async () => {
  const writes: string[] = [];
  const log = lineBatch((t) => writes.push(t));
  log.write('a\n');
  log.write('b\n');
  assert.equal(writes, []);
  await turn();
  assert.equal(writes, ['a\nb\n']);
  log.write('c\n');
  await turn();
  assert.equal(writes, ['a\nb\n', 'c\n']);
});

test('64 KB waiting are written at once; flush() writes what is queued', () => {
  const writes: string[] = [];
  const log = lineBatch((t) => writes.push(t));
  const line = 'x'.repeat(1023) + '\n';
  for (let i = 0; i < 64; i++) log.write(line);
  assert.is(writes.length, 1);
  assert.is(writes[0].length, 64 * 1024);
  log.write('last\n');
  log.flush();
  assert.equal(writes.slice(1), ['last\n']);
  log.flush();
  assert.is(writes.length, 2, 'nothing queued, nothing written');
});

test.run();
