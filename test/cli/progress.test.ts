// Progress goes to stderr only when it is a terminal, only for runs longer than the delay.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startProgress } from '../../src/cli/progress.js';
import { cli, fixture } from '../helpers.js';

function sink(isTTY: boolean) {
  const out = { text: '', isTTY, write: (s: string) => (out.text += s) };
  return out;
}

test('on a terminal: files, objects and routes on one line, erased at the end', () => {
  let t = 0;
  const out = sink(true);
  const p = startProgress(out, 300, () => t);
  p.read(1, 3); // before the delay: nothing
  assert.is(out.text, '');
  t = 400;
  p.read(2, 7);
  p.routes(12);
  p.clear();
  assert.is(out.text, '\r\x1b[Kreading: 2 files, 7 objects\r\x1b[Kread 2 files, 7 objects; 12 routes\r\x1b[K');
});

test('not a terminal (pipes, CI): never a progress line', () => {
  let t = 0;
  const out = sink(false);
  const p = startProgress(out, 0, () => (t += 1000));
  p.read(2, 7);
  p.routes(12);
  p.clear();
  assert.is(out.text, '');
});

test('commands in a pipe write no progress characters to stderr', async () => {
  for (const cmd of ['routes', 'lint', 'render']) {
    const r = await cli([cmd, fixture('cafe')]);
    assert.not.match(r.stderr, /\r|\x1b\[K|reading:/, cmd);
  }
});

test.run();
