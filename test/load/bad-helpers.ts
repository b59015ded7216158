// fixtures/bad/: what each input is, by its name (the exit code every command must give),
// and running a command with the checks every bad input gets.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { cli, type CliResult } from '../helpers.js';

const STACK = /\n\s+at .+:\d+(:\d+)?\)?\n/;
/** Per command: a small file answers in well under a second; this catches hangs and runaway work. */
const COMMAND_MS = 5000;

export type Timed = CliResult & { ms: number };

export async function timed(argv: string[], stdin = ''): Promise<Timed> {
  const t = Date.now();
  const r = await cli(argv, stdin);
  return { ...r, ms: Date.now() - t };
}

/** No stack trace, no internal error, in bounded time. */
export function clear(r: Timed, what: string): void {
  assert.not.match(r.stderr, STACK, `${what}: a stack trace`);
  assert.not.match(r.stderr + r.stdout, /internal error/, `${what}: an internal error`);
  assert.ok(r.ms < COMMAND_MS, `${what}: ${r.ms} ms`);
}

/**
 * unusable: cannot be read or parsed (exit 2; lint reports it, exit 1);
 * findings: read, with error-level findings (exit 1);
 * clean: nothing the model calls an error (exit 0; objects of unknown kinds are skipped);
 * empty: no Kubernetes object at all (exit 2 for every command, "no Ingress or route objects found").
 * (Ports out of range are findings of the model itself: invalid-backend.)
 */
export type InputClass = 'unusable' | 'findings' | 'clean' | 'empty';

export const BAD_FILES = readdirSync(join(__dirname, '../../fixtures/bad')).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

const UNUSABLE = /^(syntax-|tabs-|duplicate-|alias-bomb-|alias-across-|deep-|utf8-|utf16-|latin1|nul-|png-|json-(comment|trailing-garbage|truncated|two-objects)|types-document-scalar)/;
const CLEAN = /^(anchors-many|crlf-mixed|json-trailing-comma|odd-empty-key|types-apiversion-list|types-kind-number|types-port-both)/;
const EMPTY = /^(empty|list-items-|only-)/;

export function expectedClass(file: string): InputClass {
  if (UNUSABLE.test(file)) return 'unusable';
  if (CLEAN.test(file)) return 'clean';
  if (EMPTY.test(file)) return 'empty';
  return 'findings';
}

/** The exit code of routes / explain (first) and render (second). */
export function expectedCodes(cls: InputClass): { model: number; render: number } {
  switch (cls) {
    case 'unusable':
      return { model: 2, render: 2 };
    case 'findings':
      return { model: 1, render: 1 };
    case 'clean':
      return { model: 0, render: 0 };
    case 'empty':
      return { model: 2, render: 2 };
  }
}
