// A reader that goes away (`ingressctl … | head`) ends the command quietly with its usual
// status: a real child process whose stdout pipe is closed after the first line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

const BIN = join(ROOT, 'bin', 'ingressctl');
const dir = mkdtempSync(join(tmpdir(), 'ingressctl-epipe-'));
const big = join(dir, 'big.yaml');

/** 600 Ingresses, each with a path and a missing Service: output far beyond a pipe's 64 KiB buffer. */
function bigInput(): string {
  const docs: string[] = [];
  for (let i = 0; i < 600; i++) {
    docs.push(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web-${i}
spec:
  rules:
    - host: h${i}.example.com
      http:
        paths:
          - path: /p${i}
            pathType: Prefix
            backend:
              service:
                name: svc-${i}
                port:
                  number: 80
`);
  }
  return docs.join('---\n');
}
writeFileSync(big, bigInput());

/** Runs the CLI, reads until the first newline (or nothing: `closed`), closes the pipe, and waits for the exit. */
function headOne(args: string[], closed = false): Promise<{ code: number | null; signal: string | null; first: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let first = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    if (closed) child.stdout.destroy(); // a reader gone before the first write
    child.stdout.on('data', (d) => {
      if (first.includes('\n')) return;
      first += d;
      if (first.includes('\n')) child.stdout.destroy(); // as `head -1` does
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, first: first.split('\n')[0], stderr });
    });
  });
}

const CASES: [string, string[], number][] = [
  ['annotations', ['annotations'], 0],
  ['lint big.yaml', ['lint', big], 0],
  ['routes big.yaml -o json', ['routes', big, '-o', 'json'], 0],
  ['render big.yaml', ['render', big], 0],
];

for (const [name, args, expected] of CASES) {
  test(`${name} | head -1: no EPIPE stack, the usual exit status`, async () => {
    const r = await headOne(args);
    assert.ok(r.first.length > 0, 'printed a first line');
    assert.not.match(r.stderr, /EPIPE|at .*\(|node:events/, r.stderr);
    assert.is(r.signal, null);
    assert.is(r.code, expected, r.stderr);
  });
  test(`${name} > closed pipe: no EPIPE stack, the usual exit status`, async () => {
    const r = await headOne(args, true);
    assert.not.match(r.stderr, /EPIPE|at .*\(|node:events/, r.stderr);
    assert.is(r.signal, null);
    assert.is(r.code, expected, r.stderr);
  });
}

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
