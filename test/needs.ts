// Tests that need an outside program (nginx, HAProxy, a browser, traefik): registered with
// `testNeeding`, so that an absent program shows as a skipped test, never as a silent pass,
// and as a failure where CI sets INGRESSCTL_REQUIRE_ENGINES=1.
import type { Test } from 'uvu';

export const REQUIRE_ENGINES = process.env.INGRESSCTL_REQUIRE_ENGINES === '1';


/**
 * Registers `name` on suite `t`: run when `available`, else skipped (or failed under
 * INGRESSCTL_REQUIRE_ENGINES=1 when `required` — the engines .ci/run installs).
 */
export function testNeeding<C = any>(t: Test<C>, what: string, available: boolean, name: string, fn: (ctx: C) => void | Promise<void>, required = true): void {
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

/**
 * A suite whose every test needs `what`: call it as `test`; its hooks, `skip` and `run` are
 * the suite's own (hooks should return early when the program is absent).
 */
export function suiteNeeding<C = any>(t: Test<C>, what: string, available: boolean): Test<C> {
  const register = (name: string, fn: (ctx: C) => void | Promise<void>) => testNeeding(t, what, available, name, fn);
  return Object.assign(register, t) as unknown as Test<C>;
}
