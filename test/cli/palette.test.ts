// src/cli/palette.ts: without colour, every style (and .bold on it) leaves the text as chalk at
// level 0 does; with colour, it is chalk at level 1. chalk is loaded only for colour.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { palette, type Palette } from '../../src/cli/palette.js';
import { useColor } from '../../src/cli/io.js';
import { ROOT } from '../helpers.js';

const STYLES: (keyof Palette)[] = ['bold', 'dim', 'underline', 'red', 'green', 'yellow', 'cyan'];
const TEXTS = ['', 'text', 'a\nb', '\x1b[1mx\x1b[22m', 'thé ✓'];

test('no colour: each style and its .bold are chalk level 0', () => {
  const c0 = new Chalk({ level: 0 });
  const p = palette(false);
  for (const s of STYLES) {
    for (const t of TEXTS) {
      assert.is(p[s](t), c0[s](t), `${s} ${JSON.stringify(t)}`);
      assert.is(p[s].bold(t), c0[s].bold(t), `${s}.bold ${JSON.stringify(t)}`);
    }
  }
});

test('colour: each style and its .bold are chalk level 1', () => {
  const c1 = new Chalk({ level: 1 });
  const p = palette(true);
  for (const s of STYLES) {
    assert.is(p[s]('x'), c1[s]('x'), s);
    assert.not.equal(p[s]('x'), 'x', `${s} colours`);
    assert.is(p[s].bold('x'), c1[s].bold('x'), `${s}.bold`);
  }
});

test('useColor: a terminal colours unless NO_COLOR, --no-color or FORCE_COLOR=0 / false; FORCE_COLOR=1 colours a pipe', () => {
  const tty = { write: () => true, isTTY: true };
  const pipe = { write: () => true };
  assert.ok(useColor(tty, {}, undefined));
  assert.not.ok(useColor(pipe, {}, undefined));
  assert.not.ok(useColor(tty, { NO_COLOR: '1' }, undefined));
  assert.not.ok(useColor(tty, {}, false));
  assert.not.ok(useColor(tty, { FORCE_COLOR: '0' }, undefined));
  assert.not.ok(useColor(tty, { FORCE_COLOR: 'false' }, undefined));
  assert.ok(useColor(tty, { FORCE_COLOR: '' }, undefined));
  assert.ok(useColor(pipe, { FORCE_COLOR: '1' }, undefined));
  assert.ok(useColor(pipe, { FORCE_COLOR: 'true' }, undefined));
  assert.not.ok(useColor(pipe, { FORCE_COLOR: '' }, undefined));
  assert.not.ok(useColor(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, undefined));
});

test('the built CLI: no escape codes to a pipe; FORCE_COLOR colours the table', () => {
  const bare = { ...process.env };
  delete bare.NO_COLOR;
  delete bare.FORCE_COLOR;
  const run = (env: Record<string, string>) => spawnSync(process.execPath, [join(ROOT, 'bin/ingressctl'), 'routes', 'fixtures/cafe'], { cwd: ROOT, encoding: 'utf8', env: { ...bare, ...env } });
  const plainRun = run({});
  assert.is(plainRun.status, 0, plainRun.stderr);
  assert.not.match(plainRun.stdout, /\x1b\[/);
  const coloured = run({ FORCE_COLOR: '1' });
  assert.is(coloured.status, 0, coloured.stderr);
  assert.match(coloured.stdout, /\x1b\[1mHOST\x1b\[22m/);
});

test.run();
