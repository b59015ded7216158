// Every row of the shared routing table agrees with the model's Matcher (what `explain` says).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { loadInputs } from '../../src/load/index.js';
import { Matcher } from '../../src/model/match.js';
import { resolve } from '../../src/model/resolve.js';
import { ROOT } from '../helpers.js';
import { cases, redirectFor, routingFixture } from '../cases/routing-cases.js';

const model = resolve(loadInputs([join(ROOT, routingFixture)], { namespace: 'default', stdin: () => '' }).documents);

function outcome(m: Matcher, c: (typeof cases)[number]): string {
  const d = m.match({ scheme: c.scheme, host: c.host, target: c.path });
  if (d.status === 200) return `${d.backend.namespace}/${d.backend.service}:${d.backend.port}`;
  if (d.status === 308) return `308 ${d.location}`;
  return String(d.status);
}

test('the table is large enough and covers every outcome kind', () => {
  assert.ok(cases.length >= 60, `${cases.length} rows`);
  for (const kind of [/^default\//, /^308 /, /^400$/]) assert.ok(cases.some((c) => kind.test(c.expect)), String(kind));
  assert.ok(cases.some((c) => c.scheme === 'https'));
});

test('the fixture resolves without errors', () => {
  assert.equal(model.findings.filter((f) => f.severity === 'error'), []);
});

test('every row agrees with the Matcher', () => {
  const m = new Matcher(model);
  const wrong = cases.filter((c) => outcome(m, c) !== c.expect).map((c) => `${c.scheme}://${c.host}${c.path} (${c.rule}): table says ${c.expect}, model says ${outcome(m, c)}`);
  assert.equal(wrong, []);
});

test('redirects name the HTTPS port when it is not 443', () => {
  const m = new Matcher(model, { httpsPort: 8443 });
  for (const c of cases.filter((x) => x.expect.startsWith('308 '))) assert.is(outcome(m, c), redirectFor(c.expect, 8443), c.rule);
});

test.run();
