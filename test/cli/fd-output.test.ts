// src/cli/fd-output.ts: standard output written to its descriptor with fs.writeSync, the
// process stream only after EAGAIN (or on Windows), EPIPE and EBADF quiet.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fdOutput } from '../../src/cli/fd-output.js';
import { ROOT } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ingressctl-fd-output-'));

/** A stand-in for process.stdout: records what it is given, counts how often it is asked for. */
function fakeStream() {
  const got: string[] = [];
  let made = 0;
  const stream = { isTTY: true, on: () => stream, write: (t: string | Uint8Array) => got.push(Buffer.from(t).toString('utf8')) };
  return { got, made: () => made, stream: () => (made++, stream as unknown as NodeJS.WriteStream) };
}

const errno = (code: string) => Object.assign(new Error(code), { code });

test('writes reach the file behind the descriptor whole and in order, UTF-8 included; the stream is never made', () => {
  const file = join(dir, 'out.txt');
  const fd = openSync(file, 'w');
  const s = fakeStream();
  const out = fdOutput(fd, s.stream);
  const parts = ['HOST  PATH\n', 'café.example.com  /thé\n', 'x'.repeat(200_000), '\n'];
  for (const p of parts) assert.is(out.write(p), true);
  closeSync(fd);
  assert.is(readFileSync(file, 'utf8'), parts.join(''));
  assert.is(s.made(), 0);
  assert.is(out.isTTY, false, 'a file is not a terminal');
});

test('/dev/null is not a terminal', () => {
  const fd = openSync('/dev/null', 'w');
  try {
    assert.is(fdOutput(fd, fakeStream().stream).isTTY, false);
  } finally {
    closeSync(fd);
  }
});

test('partial writes go on from where the last one stopped', () => {
  const seen: number[] = [];
  const bytes: Buffer[] = [];
  const out = fdOutput(1, fakeStream().stream, {
    platform: 'linux',
    writeSync: (_fd, b, at) => {
      const n = Math.min(3, b.length - at);
      seen.push(at);
      bytes.push(Buffer.from(b.subarray(at, at + n)));
      return n;
    },
  });
  out.write('abcdefgh');
  assert.equal(seen, [0, 3, 6]);
  assert.is(Buffer.concat(bytes).toString(), 'abcdefgh');
});

test('EAGAIN: the rest of that write and every later one go to the process stream, in order', () => {
  const s = fakeStream();
  const direct: string[] = [];
  let calls = 0;
  const out = fdOutput(1, s.stream, {
    platform: 'linux',
    writeSync: (_fd, b, at) => {
      calls++;
      if (calls === 1) {
        direct.push(Buffer.from(b.subarray(at)).toString());
        return b.length - at;
      }
      if (calls === 2) {
        direct.push(Buffer.from(b.subarray(at, at + 4)).toString());
        return 4;
      }
      throw errno('EAGAIN');
    },
  });
  out.write('first\n');
  out.write('second line\n');
  out.write('third\n');
  assert.equal(direct, ['first\n', 'seco']);
  assert.equal(s.got, ['nd line\n', 'third\n']);
  assert.is(s.made(), 1);
  assert.is(calls, 3, 'no direct write after the fallback');
});

test('EPIPE and EBADF: quiet, later writes dropped; other errors are thrown', () => {
  for (const code of ['EPIPE', 'EBADF']) {
    let calls = 0;
    const out = fdOutput(1, fakeStream().stream, {
      platform: 'linux',
      writeSync: () => {
        calls++;
        throw errno(code);
      },
    });
    assert.is(out.write('a\n'), false, code);
    assert.is(out.write('b\n'), false, code);
    assert.is(calls, 1, `${code}: no write after the first failure`);
  }
  const out = fdOutput(1, fakeStream().stream, {
    platform: 'linux',
    writeSync: () => {
      throw errno('EIO');
    },
  });
  assert.throws(() => out.write('a\n'), /EIO/);
});

test('Windows: the process stream, made at once', () => {
  const s = fakeStream();
  let direct = 0;
  const out = fdOutput(1, s.stream, { platform: 'win32', writeSync: () => direct++ });
  out.write('a\n');
  assert.is(s.made(), 1);
  assert.is(direct, 0);
  assert.equal(s.got, ['a\n']);
  assert.is(out.isTTY, true, "the stream's own isTTY");
});

test('a real non-blocking pipe whose reader is late: nothing lost or reordered (EAGAIN → stream)', async () => {
  // making process.stdout opens the pipe non-blocking (libuv), as a parent sharing it might
  const code = `const { fdOutput } = require(${JSON.stringify(join(ROOT, 'src/cli/fd-output.ts'))}); process.stdout;
const out = fdOutput(1, () => { require('node:fs').writeSync(2, 'fallback\\n'); return process.stdout; });
for (let i = 0; i < 50000; i++) out.write('line ' + i + '\\n');`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.pause();
  await new Promise((r) => setTimeout(r, 1500)); // the pipe fills meanwhile
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  child.stdout.resume();
  const status = await new Promise((r) => child.on('close', r));
  assert.is(status, 0, stderr);
  const lines = Buffer.concat(chunks).toString().split('\n');
  assert.is(lines.length, 50001);
  for (let i = 0; i < 50000; i++) if (lines[i] !== `line ${i}`) assert.unreachable(`line ${i} is ${JSON.stringify(lines[i])}`);
  assert.is(stderr, 'fallback\n', 'the pipe filled up, and the stream took over once');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
