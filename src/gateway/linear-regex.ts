// Regular expressions from manifests that ingressctl runs itself against request text
// (serve, explain, test): on RE2, whose time is linear in the text, never on JavaScript's
// backtracking engine, where a pattern such as (a+)+ and a path any client chooses hold the
// process for minutes. RE2 is the bundle the CEL evaluator uses (dist/gateway-cel.js),
// loaded when the first such pattern is compiled: commands without one never load it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

type Lib = typeof import('./cel-lib.js');
let re2: Lib['RE2JS'] | undefined;

function engine(): Lib['RE2JS'] {
  if (!re2) {
    const beside = join(__dirname, 'gateway-cel.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    re2 = (require(existsSync(beside) ? beside : join(__dirname, 'cel-lib.ts')) as Lib).RE2JS;
  }
  return re2;
}

export interface PatternTest {
  /** whether the pattern matches somewhere in `text` (anchors are the pattern's own) */
  test(text: string): boolean;
}

/**
 * `pattern` compiled by RE2. The model accepts only the syntax RE2, PCRE and JavaScript read
 * alike; a pattern RE2 still refuses never matches (Envoy refuses it too).
 */
export function linearRegex(pattern: string, caseInsensitive: boolean): PatternTest {
  const R = engine();
  try {
    return R.compile(pattern, caseInsensitive ? R.CASE_INSENSITIVE : 0);
  } catch {
    return { test: () => false };
  }
}
