// routes -o json: Gateway API routes of the usual shape are written from few pieces
// (src/gateway/routes-json.ts); the text is the whole serialisation's, byte for byte.
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeModelJson } from '../../src/cli/model-output.js';
import { GatewayRouteWriter } from '../../src/gateway/routes-json.js';
import { loadInputs } from '../../src/load/index.js';
import { parseText } from '../../src/load/parse.js';
import { resolve } from '../../src/model/resolve.js';
import { modelJson } from '../../src/model/serialize.js';
import type { Route } from '../../src/model/types.js';
import { ROOT } from '../helpers.js';
// @ts-expect-error: a JavaScript module without declarations
import { generateGateway } from '../../bench/generate.mjs';

const whole = (model: ReturnType<typeof resolve>) => JSON.stringify(modelJson(model), null, 2) + '\n';
const written = (model: ReturnType<typeof resolve>) => {
  let out = '';
  writeModelJson(model, (t) => (out += t));
  return out;
};

test('the bench input (HTTPRoutes × 10 rules, a redirect route) and the Gateway fixtures', () => {
  const generated = resolve(parseText('gw.yaml', generateGateway(40) as string).documents);
  assert.is(written(generated), whole(generated));
  for (const dir of ['gateway-routing', 'gateway-api', 'gateway-unsupported', 'ingress2gateway']) {
    const model = resolve(loadInputs([join(ROOT, 'fixtures', dir)]).documents);
    assert.ok(model.gateways?.length, dir);
    assert.is(written(model), whole(model), dir);
  }
});

test('routes of other shapes go to the general writer; the usual ones do not', () => {
  const model = resolve(loadInputs([join(ROOT, 'fixtures', 'gateway-routing')]).documents);
  const routes = model.gateways!.flatMap((g) => g.listeners.flatMap((l) => l.hosts.flatMap((h) => h.routes)));
  const general: Route[] = [];
  const writer = new GatewayRouteWriter(' '.repeat(18), (r) => (general.push(r), ''));
  for (const r of routes) writer.text(r);
  assert.ok(general.some((r) => r.conditions) && general.some((r) => r.filters), 'conditions and filters: general');
  assert.ok(general.every((r) => r.conditions || r.filters || r.canary || !r.backends?.length || r.backends.some((b) => !b.backend || b.invalid || b.filters)), 'only those');
  assert.ok(general.length < routes.length, 'some routes written here');
});

test.run();
