// nginx's word on a reload, read from its error log: lines as nginx 1.22 writes them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logOffset, nginxReloadVerdict } from '../../src/engines/nginx-verdict.js';

const at = (level: string, pid: number, text: string) => `2026/12/03 11:49:49 [${level}] ${pid}#${pid}: ${text}\n`;
const STARTED = at('notice', 10, 'start worker processes') + at('notice', 10, 'start worker process 11');
const never = new Promise<void>(() => {});

/** An error log that already holds a start-up, and the offset after it. */
function startedLog(): { dir: string; file: string; from: number } {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-nginx-verdict-'));
  const file = join(dir, 'error.log');
  writeFileSync(file, at('notice', 10, 'using the "epoll" event method') + STARTED);
  return { dir, file, from: logOffset(file) };
}

test('a reload is confirmed by "start worker process" after "reconfiguring", written after the offset (the start-up before it does not count)', async () => {
  const { dir, file, from } = startedLog();
  try {
    const verdict = nginxReloadVerdict(file, from, 5000, never);
    setTimeout(() => appendFileSync(file, at('notice', 10, 'signal 1 (SIGHUP) received from 9, reconfiguring') + at('notice', 10, 'reconfiguring')), 50);
    // the new workers' line in two writes: a line is read only once it is whole
    setTimeout(() => appendFileSync(file, at('notice', 10, 'start worker processes') + at('notice', 10, 'start worker process 1').slice(0, -1)), 100);
    setTimeout(() => appendFileSync(file, '2\n'), 150);
    const { ok, lines } = await verdict;
    assert.is(ok, true);
    assert.is(lines.at(-1), at('notice', 10, 'start worker process 12').trimEnd());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a reload nginx cannot load ([emerg] after "reconfiguring") is a refusal with its line', async () => {
  const { dir, file, from } = startedLog();
  try {
    const verdict = nginxReloadVerdict(file, from, 5000, never);
    appendFileSync(file, at('notice', 10, 'reconfiguring') + at('emerg', 10, 'cannot load certificate "certs/a.crt"'));
    const { ok, lines } = await verdict;
    assert.is(ok, false);
    assert.ok(lines.some((l) => l.includes('[emerg]')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no word before the deadline is undefined, not a success; nginx exiting is a refusal', async () => {
  const { dir, file, from } = startedLog();
  try {
    // a worker respawned without a reload is not the reload's answer
    appendFileSync(file, STARTED);
    assert.is((await nginxReloadVerdict(file, from, 200, never)).ok, undefined);
    assert.is((await nginxReloadVerdict(file, from, 5000, Promise.resolve())).ok, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
