// Runs every test/**/*.test.ts with uvu (TypeScript through tsx) and ends with the
// one plain line CI reads: "N passed, N failed[, N skipped]".
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// an optional pattern narrows the run: node test/run.mjs serve/ (only *.test.ts files run;
// *.slow.test.ts never: npm run test:slow runs those)
const pattern = process.argv[2] ? `(?:${process.argv[2]}).*(?<!\\.slow)\\.test\\.ts$` : '(?<!\\.slow)\\.test\\.ts$';
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
  if (Number.isNaN(total) || Number.isNaN(passed)) {
    process.stdout.write(`\n0 passed, 1 failed\n`);
    process.exit(code || 1);
  }
  const failed = Math.max(total - passed - skipped, code ? 1 : 0);
  process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  process.exit(failed ? 1 : 0);
});
