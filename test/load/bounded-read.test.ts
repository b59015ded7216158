// Input is read only up to the size limit, whatever it is: a file over it is refused by
// its size, standard input and devices that never end (/dev/zero) after reading just past it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clear, timed } from './bad-helpers.js';

test('generated: a 50 MB document, by file and on stdin, is refused with its size, quickly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-bad-big-'));
  try {
    const big = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  k: "' + 'x'.repeat(50 * 1024 * 1024) + '"\n';
    writeFileSync(join(dir, 'big.yaml'), big);
    for (const argv of [['routes'], ['lint'], ['render', '-o', join(dir, 'out')]]) {
      const r = await timed([...argv, join(dir, 'big.yaml')]);
      clear(r, argv[0]);
      // lint's report (stylish) groups by file: "big.yaml" then "1:1  error  file is …"
      assert.match(argv[0] === 'lint' ? r.stdout : r.stderr, argv[0] === 'lint' ? /big\.yaml\n\s+1:1\s+error\s+file is 50\.0 MiB/ : /big\.yaml:1:1: error: file is 50\.0 MiB, over the 32 MiB limit/);
      assert.is(r.code, argv[0] === 'lint' ? 1 : 2);
    }
    assert.not.ok(existsSync(join(dir, 'out')));
    const r = await timed(['routes', '-'], big);
    clear(r, 'routes -');
    assert.is(r.code, 2);
    assert.match(r.stderr, /<stdin>:1:1: error: standard input is over the 32 MiB limit/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('generated: a device that never ends (/dev/zero) is read only up to the limit', async () => {
  if (!existsSync('/dev/zero')) return;
  const r = await timed(['routes', '/dev/zero']);
  clear(r, 'routes /dev/zero');
  assert.is(r.code, 2);
  assert.match(r.stderr, /\/dev\/zero:1:1: error: input is over the 32 MiB limit/);
});

test.run();
