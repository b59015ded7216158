// Every fixture folder renders a Traefik bundle whose dynamic file is valid against
// SchemaStore's traefik-v3-file-provider.json (and traefik.yml against traefik-v3.json), whose rules all parse, and whose routers all
// have explicit, distinct priorities; and the schema check itself can fail.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { ROOT } from '../helpers.js';
import { EMIT_DEFAULTS } from '../envoy/routing.js';
import { renderedTraefik } from './routing.js';
import { parseRule } from './rule.js';
import { schemaProblems, staticSchemaProblems } from './schema.js';

const folders = (base: string) => readdirSync(join(ROOT, base)).map((n) => join(ROOT, base, n)).filter((p) => statSync(p).isDirectory());
const FIXTURES = [...folders('fixtures'), ...folders('test/envoy/fixtures')];

test(`every fixture folder (${FIXTURES.length}) renders a bundle valid against the schema, with parsing rules and distinct priorities`, () => {
  let routers = 0;
  for (const dir of FIXTURES) {
    const model = resolve(loadInputs([dir]).documents);
    for (const options of [EMIT_DEFAULTS, { ...EMIT_DEFAULTS, httpPort: 8080, httpsPort: 8443, listenAddress: '127.0.0.1' }, { ...EMIT_DEFAULTS, httpPort: 8080, httpsPort: 8443, listenAddress: '::1' }]) {
      const { dynamic, static: st } = renderedTraefik(model, options);
      assert.equal(schemaProblems(dynamic), [], dir);
      assert.equal(staticSchemaProblems(st), [], dir);
      const seen = new Map<string, Set<number>>();
      for (const [name, r] of Object.entries<any>(dynamic.http.routers)) {
        parseRule(r.rule); // throws on a rule Traefik would refuse
        const ep = r.entryPoints.join();
        const set = seen.get(ep) ?? new Set<number>();
        assert.ok(Number.isInteger(r.priority) && r.priority > 0, `${name}: priority ${r.priority}`);
        assert.not.ok(set.has(r.priority), `${dir}: ${name} shares priority ${r.priority}`);
        set.add(r.priority);
        seen.set(ep, set);
        assert.ok(dynamic.http.services[r.service], `${name} names service ${r.service}`);
        for (const m of r.middlewares ?? []) assert.ok(dynamic.http.middlewares[m], `${name} names middleware ${m}`);
        routers++;
      }
      assert.equal(Object.keys(st.entryPoints), ['web', 'websecure']);
      const host = options.listenAddress === undefined ? '' : options.listenAddress.includes(':') ? `[${options.listenAddress}]` : options.listenAddress;
      assert.is(st.entryPoints.web.address, `${host}:${options.httpPort}`);
      assert.is(st.entryPoints.websecure.address, `${host}:${options.httpsPort}`);
      assert.equal(st.providers, { file: { directory: 'dynamic', watch: true } });
      assert.is(st.api, undefined);
    }
  }
  assert.ok(routers > 100, `only ${routers} routers checked`);
});

test('the schema check fails on what Traefik would refuse', () => {
  const { dynamic } = renderedTraefik(resolve(loadInputs([join(ROOT, 'fixtures/cafe')]).documents));
  const router = Object.values<any>(dynamic.http.routers)[0];
  router.priorty = 3;
  assert.match(schemaProblems(dynamic).join('\n'), /must NOT have additional properties/);
  delete router.priorty;
  router.priority = -1;
  assert.match(schemaProblems(dynamic).join('\n'), /must be >= 0/);
  router.priority = 1;
  dynamic.http.middlewares['answer-404'] = { ipAllowList: { sourceRange: 'x' } };
  assert.match(schemaProblems(dynamic).join('\n'), /must be array/);
  const { static: st } = renderedTraefik(resolve(loadInputs([join(ROOT, 'fixtures/cafe')]).documents));
  assert.equal(staticSchemaProblems(st), []);
  st.entryPoints.web.adress = ':80';
  assert.match(staticSchemaProblems(st).join('\n'), /must NOT have additional properties/);
});

test('the bundle: traefik.yml, dynamic/routes.yml, certificates and keys (0600) under certs/', () => {
  const { result } = renderedTraefik(resolve(loadInputs([join(ROOT, 'fixtures/cafe')]).documents));
  assert.equal(result.files.map((f) => f.path), ['traefik.yml', 'dynamic/routes.yml', 'certs/default_cafe-secret.crt', 'certs/default_cafe-secret.key']);
  assert.is(result.files.find((f) => f.path.endsWith('.key'))!.mode, 0o600);
  assert.is(result.mainFile, 'dynamic/routes.yml');
});

test.run();
