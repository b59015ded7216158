// The shared routing table (test/cases/routing-cases.ts) through a real HAProxy: the
// backend reached equals explain's answer on every row.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { cases, routingFixture } from '../cases/routing-cases.js';
import { ROOT } from '../helpers.js';
import { haproxyTest } from './haproxy-engine.js';
import { disagreements, routeThroughHaproxy, type RoutingRow } from './haproxy-routing.js';

const it = haproxyTest(); // skipped without HAProxy, failed under INGRESSCTL_REQUIRE_ENGINES=1

// "{httpsPort}" in an expectation stands for the port HAProxy listens on for HTTPS
const rows: RoutingRow[] = cases.map((c) => ({ scheme: c.scheme, host: c.host, path: c.path, expect: c.expect.replace(/^308 https:\/\/([^/]+)/, '308 https://$1:{httpsPort}') }));

it(`haproxy: every row of the shared table (${rows.length}) routes as explain says`, async () => {
  const results = await routeThroughHaproxy([join(ROOT, routingFixture)], rows);
  assert.equal(disagreements(results), []);
});

test.run();
