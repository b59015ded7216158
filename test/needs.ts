// Tests that need an outside program (nginx, HAProxy, a browser, traefik): registered with
// `testNeeding`, so that an absent program shows as a skipped test, never as a silent pass,
// and as a failure where CI sets INGRESSCTL_REQUIRE_ENGINES=1.
import type { Test } from 'uvu';

export const REQUIRE_ENGINES = process.env.INGRESSCTL_REQUIRE_ENGINES === '1';

type Body = () => void | Promise<void>;

/**
 * Registers `name` on suite `t`: run when `available`, else skipped (or failed under
 * INGRESSCTL_REQUIRE_ENGINES=1 when `required` — the engines .ci/run installs).
 */
export function testNeeding(t: Test, what: string, available: boolean, name: string, fn: Body, required = true): void {
  if (available) {
    t(name, fn);
  } else if (REQUIRE_ENGINES && required) {
    t(name, () => {
      throw new Error(`${what} is not installed, and INGRESSCTL_REQUIRE_ENGINES=1 makes that a failure`);
    });
  } else {
    t.skip(`${name} (skipped: ${what} is not installed)`, fn);
  }
}
