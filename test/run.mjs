// Runs the test files with uvu (TypeScript through tsx) and ends with the one plain line CI
// reads: "N passed, N failed, N skipped".
//   node test/run.mjs [PATTERN]          every test/**/*.test.ts except *.slow.test.ts
//   node test/run.mjs --slow [PATTERN]   only the slow suites, test/**/*.slow.test.ts
// PATTERN (a regex on the path) narrows the run, e.g. node test/run.mjs serve/
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const slow = args[0] === '--slow';
const filter = slow ? args[1] : args[0];
const suffix = slow ? '\\.slow\\.test\\.ts$' : '(?<!\\.slow)\\.test\\.ts$';
const pattern = filter ? `(?:${filter}).*${suffix}` : suffix;
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'node_modules/uvu/bin.js'), 'test', pattern, '--no-color'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
child.stdout.on('data', (chunk) => {
  out += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code) => {
  const num = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(out)?.[1] ?? NaN);
  const total = num('Total');
  const passed = num('Passed');
  const skipped = num('Skipped') || 0;
  if (Number.isNaN(total) || Number.isNaN(passed) || total === 0) {
    // uvu stopped before its summary, or no test ran: a run that tested nothing fails
    if (total === 0) process.stdout.write(`no test matched ${pattern}\n`);
    process.stdout.write(`\n0 passed, 1 failed, 0 skipped\n`);
    process.exit(code || 1);
  }
  const failed = Math.max(total - passed - skipped, code ? 1 : 0);
  process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  process.exit(failed ? 1 : 0);
});
