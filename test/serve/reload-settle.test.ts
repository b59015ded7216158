// A file truncated and written later (an editor, `cmd > file`, a busy machine between the two)
// is not read in between as an empty input: that would drop every route, and a broken edit
// after it would keep the empty configuration as the "last good" one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchInputs, type Built } from '../../src/serve/reload.js';
import type { RouteModel } from '../../src/model/types.js';
import { sleep } from './helpers.js';

/** A rebuild: the file's text at that moment, and when it ran. */
interface Rebuild {
  text: string;
  at: number;
}

/**
 * A temporary cafe.yaml holding "kind: Before", watched (through its folder, or by name) by a
 * watcher whose every rebuild records the file's text; `body` runs 100 ms after the watch starts.
 */
async function watching(how: 'a folder' | 'a file by name', settleMs: number, body: (file: string, seen: Rebuild[]) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-settle-'));
  const file = join(dir, 'cafe.yaml');
  writeFileSync(file, 'kind: Before\n');
  const seen: Rebuild[] = [];
  const watcher = watchInputs([how === 'a folder' ? dir : file], {
    build(): Built {
      seen.push({ text: readFileSync(file, 'utf8'), at: Date.now() });
      return { model: { hosts: [] } as unknown as RouteModel, findings: [], unusable: false };
    },
    apply() {},
    reject() {},
  }, { debounceMs: 50, settleMs });
  try {
    await sleep(100);
    await body(file, seen);
  } finally {
    watcher.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until `seen` has a rebuild (bounded), then a little more to catch any extra one. */
async function settled(seen: Rebuild[], limitMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (seen.length < 1 && Date.now() - t0 < limitMs) await sleep(20);
  await sleep(200);
}

const texts = (seen: Rebuild[]) => JSON.stringify(seen.map((r) => r.text));

for (const how of ['a folder', 'a file by name'] as const) {
  test(`watchInputs (${how}): a file truncated, then written 300 ms later, is rebuilt only from what was written`, () =>
    watching(how, 2000, async (file, seen) => {
      writeFileSync(file, '');
      // six debounces: without the settle time the empty file is rebuilt here
      await sleep(300);
      writeFileSync(file, 'kind: After\n');
      await settled(seen);
      // never the empty file; the new text at least once (a timer that ends just after the
      // write, before its event arrives, rebuilds once more for the event: same text)
      assert.ok(seen.length >= 1 && seen.every((r) => r.text === 'kind: After\n'), texts(seen));
    }));
}

test('watchInputs: a file emptied on purpose is read as empty once the settle time has passed', () =>
  watching('a folder', 400, async (file, seen) => {
    const t0 = Date.now();
    writeFileSync(file, '');
    await settled(seen);
    assert.ok(seen.length >= 1 && seen.every((r) => r.text === ''), texts(seen));
    assert.ok(seen[0].at - t0 >= 400, `rebuilt ${seen[0].at - t0} ms after the write, before the 400 ms settle time`);
  }));

test('watchInputs: an edit that leaves no file empty is rebuilt after the debounce, without the settle time', () =>
  watching('a folder', 5000, async (file, seen) => {
    const t0 = Date.now();
    writeFileSync(file, 'kind: After\n');
    await settled(seen, 4000);
    assert.is(seen[0]?.text, 'kind: After\n');
    assert.ok(seen[0].at - t0 < 4000, 'rebuilt well before the 5 s settle time');
  }));

test.run();
