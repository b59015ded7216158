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

/** A watcher on `input` whose every rebuild records the file's text at that moment. */
function recording(input: string, file: string, settleMs: number) {
  const seen: string[] = [];
  const watcher = watchInputs([input], {
    build(): Built {
      seen.push(readFileSync(file, 'utf8'));
      return { model: { hosts: [] } as unknown as RouteModel, findings: [], unusable: false };
    },
    apply() {},
    reject() {},
  }, { debounceMs: 50, settleMs });
  return { seen, watcher };
}

/** Waits until `seen` has `n` rebuilds (bounded), then a little more to catch any extra one. */
async function rebuilds(seen: string[], n: number, limitMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (seen.length < n && Date.now() - t0 < limitMs) await sleep(20);
  await sleep(200);
}

for (const how of ['a folder', 'a file by name'] as const) {
  test(`watchInputs (${how}): a file truncated, then written 300 ms later, is rebuilt only from what was written`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ingressctl-settle-'));
    const file = join(dir, 'cafe.yaml');
    writeFileSync(file, 'kind: Before\n');
    const { seen, watcher } = recording(how === 'a folder' ? dir : file, file, 2000);
    try {
      await sleep(100);
      writeFileSync(file, '');
      // six debounces: without the settle time the empty file is rebuilt here
      await sleep(300);
      writeFileSync(file, 'kind: After\n');
      await rebuilds(seen, 1);
      // never the empty file; the new text at least once (a timer that ends just after the
      // write, before its event arrives, rebuilds once more for the event: same text)
      assert.ok(seen.length >= 1 && seen.every((text) => text === 'kind: After\n'), JSON.stringify(seen));
    } finally {
      watcher.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('watchInputs: a file emptied on purpose is read as empty once the settle time has passed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-settle-'));
  const file = join(dir, 'cafe.yaml');
  writeFileSync(file, 'kind: Before\n');
  const { seen, watcher } = recording(dir, file, 400);
  try {
    await sleep(100);
    const t0 = Date.now();
    writeFileSync(file, '');
    await rebuilds(seen, 1);
    assert.ok(seen.length >= 1 && seen.every((text) => text === ''), JSON.stringify(seen));
    assert.ok(Date.now() - t0 >= 400, 'not before the settle time');
  } finally {
    watcher.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('watchInputs: an edit that leaves no file empty is rebuilt after the debounce, without the settle time', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-settle-'));
  const file = join(dir, 'cafe.yaml');
  writeFileSync(file, 'kind: Before\n');
  const { seen, watcher } = recording(dir, file, 5000);
  try {
    await sleep(100);
    const t0 = Date.now();
    writeFileSync(file, 'kind: After\n');
    while (seen.length < 1 && Date.now() - t0 < 4000) await sleep(10);
    assert.is(seen[0], 'kind: After\n');
    assert.ok(Date.now() - t0 < 4000, 'rebuilt well before the 5 s settle time');
  } finally {
    watcher.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
