// Process entry: real streams in, exit code out. The only place that touches process.
import { readFileSync } from 'node:fs';
import { run } from './run.js';

export function main(): void {
  const io = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: () => readFileSync(0, 'utf8'),
    env: process.env,
    cwd: process.cwd(),
  };
  run(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`ingressctl: internal error: ${err?.message ?? err}\n`);
      process.exitCode = 70;
    },
  );
}
export { run } from './run.js';
