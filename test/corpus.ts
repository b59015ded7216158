// The shared corpus of real-world manifests (../shared/corpus beside the repository, when
// present). Tests that read it say how many files they ran; with none, their tests are
// skipped, and fail under INGRESSCTL_REQUIRE_ENGINES=1 (CI), where zero files means the
// test proved nothing.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from 'uvu';
import { ROOT } from './helpers.js';
import { REQUIRE_ENGINES } from './needs.js';

export const CORPUS = join(ROOT, '..', 'shared', 'corpus');

/** The corpus's manifest files, sorted (empty when the corpus is absent). */
export const corpusFiles: readonly string[] = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort() : [];

/**
 * Registers a test over the corpus files: `fn` gets their full paths and returns how many
 * it ran; the count is printed. Without files: skipped, or a failure under INGRESSCTL_REQUIRE_ENGINES=1.
 */
export function corpusTest(t: Test, name: string, fn: (paths: string[]) => number | Promise<number>): void {
  if (!corpusFiles.length) {
    if (REQUIRE_ENGINES) t(name, () => { throw new Error(`${CORPUS} holds no manifest: 0 files ran, and INGRESSCTL_REQUIRE_ENGINES=1 makes that a failure`); });
    else t.skip(`${name} (skipped: 0 corpus files, ${CORPUS} is absent)`, () => {});
    return;
  }
  t(name, async () => {
    const ran = await fn(corpusFiles.map((f) => join(CORPUS, f)));
    console.log(`  ${name}: ${ran} corpus files ran`);
    if (ran === 0) throw new Error('0 corpus files ran');
  });
}
