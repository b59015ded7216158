// Standard input can be read once, as a real pipe: a command that names "-" on both of its
// sides (diff - -, diff --from-compat X -, graph --diff - -) reads the same text for each,
// never the text for OLD and an empty NEW (every route "removed", exit 0).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/cli/run.js';
import { fixture, ROOT } from '../helpers.js';

const CAFE = readFileSync(join(ROOT, fixture('cafe', 'cafe-ingress.yaml')), 'utf8');

/** Runs the CLI with a stdin that gives its text to the first read only, as a pipe does. */
async function withPipe(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  let left = CAFE;
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: () => {
      const text = left;
      left = '';
      return text;
    },
    env: { NO_COLOR: '1' },
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

test('diff - - compares standard input with itself: nothing changes', async () => {
  const r = await withPipe(['diff', '-', '-']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /No route changes\./);
  assert.not.match(r.stdout, /removed/);
});

test('diff --from-compat ingress-nginx - reads standard input for both sides', async () => {
  const fromPipe = await withPipe(['diff', '--from-compat', 'ingress-nginx', '-']);
  assert.is(fromPipe.code, 0, fromPipe.stderr);
  assert.not.match(fromPipe.stdout, /removed/);
  assert.match(fromPipe.stdout, /No route changes\./);
});

test('graph --diff - - draws nothing as removed', async () => {
  const r = await withPipe(['graph', '--diff', '-', '-']);
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stdout, /probe requests? changes? outcome/);
});

test.run();
