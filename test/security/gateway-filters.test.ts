// Gateway API filter values (header modifiers) are text the targets must write literally:
// Envoy reads header values as formatter strings (%REQ(…)%, %ENVIRONMENT(…)%), HAProxy as
// log-format strings (%[…]). Fixture: test/security/fixtures/gateway-hostile.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { join } from 'node:path';
import { renderGatewayEnvoy } from '../../src/gateway/emit-envoy.js';
import { renderGatewayHaproxy } from '../../src/gateway/emit-haproxy.js';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import type { HeaderModifier } from '../../src/model/types.js';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { ROOT, modelOf } from '../helpers.js';
import { hostileString } from '../fuzz/hostile.js';

const model = resolve(loadInputs([join(ROOT, 'test/security/fixtures/gateway-hostile')]).documents, { gatewayClass: 'ingressctl' });
const gateway = model.gateways!.find((g) => g.name === 'gw')!;
const routes = gateway.listeners.flatMap((l) => l.hosts.flatMap((v) => v.routes));

/** Every header value the fixture's modifiers set or add, by lower-case name. */
function written(): Map<string, string> {
  const all = new Map<string, string>();
  const add = (m: HeaderModifier | undefined) => m && [...m.set, ...m.add].forEach((h) => all.set(h.name.toLowerCase(), h.value));
  for (const r of routes) {
    add(r.filters?.requestHeaders);
    add(r.filters?.responseHeaders);
    for (const b of r.backends ?? []) add(b.filters?.requestHeaders), add(b.filters?.responseHeaders);
  }
  return all;
}

/** What Envoy's formatter makes of a header value without a request: undefined when it holds an operator. */
function envoyLiteral(value: string): string | undefined {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '%') out += value[i];
    else if (value[i + 1] === '%') (out += '%'), i++;
    else return undefined;
  }
  return out;
}

function walk(o: unknown, f: (h: { key: string; value: string }) => void): void {
  if (Array.isArray(o)) o.forEach((x) => walk(x, f));
  else if (o && typeof o === 'object') {
    const h = (o as { header?: { key?: unknown; value?: unknown } }).header;
    if (h && typeof h.key === 'string' && typeof h.value === 'string') f(h as { key: string; value: string });
    Object.values(o).forEach((x) => walk(x, f));
  }
}

test('the fixture sets header values with formatter syntax of every target', () => {
  const values = [...written().values()].join(' ');
  for (const s of ['%ENVIRONMENT(', '%REQ(', '%[req.hdr(', '$host', '%%']) assert.ok(values.includes(s), s);
});

test('Envoy: Gateway header modifier values are written as literal text, never formatter operators', () => {
  const result = renderGatewayEnvoy(model, gateway, { httpPort: 80, httpsPort: 443, mapPorts: new Map(), resolver: '10.96.0.10' });
  const bootstrap = parse(result.files.find((f) => f.path === 'envoy.yaml')!.content);
  const want = written();
  const seen = new Set<string>();
  walk(bootstrap, (h) => {
    if (!want.has(h.key)) return;
    seen.add(h.key);
    assert.is(envoyLiteral(h.value), want.get(h.key), `${h.key}: ${h.value}`);
  });
  assert.equal([...seen].sort(), [...want.keys()].sort());
});

test('HAProxy: Gateway header modifier values are log-format text with every % doubled', () => {
  const result = renderGatewayHaproxy(model, gateway, { httpPort: 80, httpsPort: 443, mapPorts: new Map(), listenAddress: '127.0.0.1' });
  const cfg = result.files.find((f) => f.path === 'haproxy.cfg')!.content;
  for (const [name, value] of written()) {
    const lines = cfg.split('\n').filter((l) => new RegExp(`(set|add)-header ${name} `, 'i').test(l));
    assert.ok(lines.length > 0, name);
    // the value's own % are doubled; the only sample fetch left is the one the emitter writes to join "add"
    for (const l of lines) {
      assert.ok(l.includes(value.replace(/%/g, '%%')), l);
      assert.is(l.replace(/%\[(req|res)\.fhdr\([\w-]+\)\],/i, '').replace(/%%/g, '').match(/%/g), null, l);
    }
  }
});

const FIXTURE = readFileSync(join(ROOT, 'test/security/fixtures/gateway-hostile/gateway.yaml'), 'utf8');

test('HAProxy: a header value the model keeps but haproxy.cfg cannot hold (a tab) is a finding and a 500, not a crash', () => {
  for (const at of ['X-Set', 'X-Backend']) {
    const yaml = FIXTURE.replace(new RegExp(`(name: ${at}, value: )"[^\\n]*"`), (_, k: string) => k + JSON.stringify('a\tb'));
    const m = modelOf(yaml, { gatewayClass: 'ingressctl' });
    const gw = m.gateways!.find((g) => g.name === 'gw')!;
    const ha = renderGatewayHaproxy(m, gw, { httpPort: 80, httpsPort: 443, mapPorts: new Map(), listenAddress: '127.0.0.1' });
    assert.ok(ha.findings.some((f) => f.severity === 'error' && /a\\tb.*the route answers 500/.test(f.message)), at);
    const cfg = ha.files.find((f) => f.path === 'haproxy.cfg')!.content;
    assert.not.ok(/set-header x-(set|backend) /i.test(cfg), cfg);
    assert.match(cfg, /use_backend be_500 if \{ var\(txn\.route\) -m str l0h0r1 \}/);
  }
});

/** CORS filter names are HTTP tokens, which may hold "%" and "$": written as text on Envoy and HAProxy; the only operators are the request headers the spec echoes */
const CORS_TOKENS = ['%ci', '%%', '$host', "x'#|`&"];
const CORS_YAML = FIXTURE.replace(/\n?$/, `
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: cors-hostile, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  hostnames: [cors.hostile.example]
  rules:
    - filters: [{ type: CORS, cors: { allowOrigins: ["https://*.a.example.org"], allowHeaders: ${JSON.stringify(CORS_TOKENS)}, exposeHeaders: ${JSON.stringify(CORS_TOKENS)} } }]
      backendRefs: [{ name: echo, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /echo } }]
      filters: [{ type: CORS, cors: { allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"], allowCredentials: true } }]
      backendRefs: [{ name: echo, port: 80 }]
`);

test('CORS filter names on Envoy and HAProxy: text, the echoed request headers the only operators', () => {
  const m = modelOf(CORS_YAML, { gatewayClass: 'ingressctl' });
  const gw = m.gateways!.find((g) => g.name === 'gw')!;
  assert.ok(gw.listeners.some((l) => l.hosts.some((v) => v.host === 'cors.hostile.example')), 'the route attaches');
  const names = CORS_TOKENS.join(', ');
  const envoy = parse(renderGatewayEnvoy(m, gw, { httpPort: 80, httpsPort: 443, mapPorts: new Map(), resolver: '10.96.0.10' }).files.find((f) => f.path === 'envoy.yaml')!.content);
  const seen = new Set<string>();
  walk(envoy, (h) => {
    if (!h.key.startsWith('access-control-')) return;
    seen.add(h.key);
    if (/^%REQ\((origin|access-control-request-method|access-control-request-headers)\)%$/.test(h.value)) return;
    const literal = envoyLiteral(h.value);
    assert.ok(literal !== undefined, `${h.key}: ${h.value}`);
    if (h.key === 'access-control-allow-headers' || h.key === 'access-control-expose-headers') assert.ok(literal === names || literal === '*', `${h.key}: ${h.value}`);
  });
  assert.ok(seen.has('access-control-expose-headers') && seen.has('access-control-allow-headers'));
  const cfg = renderGatewayHaproxy(m, gw, { httpPort: 80, httpsPort: 443, mapPorts: new Map(), listenAddress: '127.0.0.1' }).files.find((f) => f.path === 'haproxy.cfg')!.content;
  const lines = cfg.split('\n').filter((l) => /set-header access-control-(allow|expose)-headers /.test(l));
  assert.ok(lines.length >= 3, cfg);
  // the names' own % doubled; the only samples are the allowed origin and the echoed request headers (kept in variables)
  for (const l of lines) assert.is(l.replace(/%\[var\(txn\.cors(_headers|_method)?\)\]/, '').replace(/%%/g, '').match(/%/g), null, l);
});

const RUNS = Number(process.env.INGRESSCTL_FUZZ_RUNS ?? 60);

test(`fuzz: hostile header modifier values on Envoy and HAProxy (${RUNS} cases, fixed seed)`, () => {
  let accepted = 0;
  fc.assert(
    fc.property(hostileString(), hostileString(), (a, b) => {
      const yaml = FIXTURE.replace(/(name: X-Set, value: )"[^\n]*"/, (_, k: string) => k + JSON.stringify(a)).replace(/(name: X-Resp, value: )"[^\n]*"/, (_, k: string) => k + JSON.stringify(b));
      const m = modelOf(yaml, { gatewayClass: 'ingressctl' });
      const gw = m.gateways!.find((g) => g.name === 'gw')!;
      const mods = gw.listeners.flatMap((l) => l.hosts.flatMap((v) => v.routes)).flatMap((r) => [r.filters?.requestHeaders, r.filters?.responseHeaders]);
      const values = new Map(mods.flatMap((x) => (x ? [...x.set, ...x.add] : [])).map((h) => [h.name.toLowerCase(), h.value]));
      // the model refuses control characters and non-ASCII text (a finding); what it keeps must be written literally
      for (const [name, v] of [['x-set', a], ['x-resp', b]] as const) if (values.has(name)) assert.is(values.get(name), v), accepted++;
      const envoy = parse(renderGatewayEnvoy(m, gw, { httpPort: 80, httpsPort: 443, mapPorts: new Map(), resolver: '10.96.0.10' }).files.find((f) => f.path === 'envoy.yaml')!.content);
      walk(envoy, (h) => values.has(h.key) && assert.is(envoyLiteral(h.value), values.get(h.key), h.value));
      const ha = renderGatewayHaproxy(m, gw, { httpPort: 80, httpsPort: 443, mapPorts: new Map(), listenAddress: '127.0.0.1' });
      const cfg = ha.files.find((f) => f.path === 'haproxy.cfg')!.content;
      for (const l of cfg.split('\n').filter((x) => /(set|add)-header x-(set|resp) /i.test(x))) {
        // one line per directive, and no sample fetch but the emitter's own
        assert.is(l.replace(/%\[(req|res)\.fhdr\([\w-]+\)\],/i, '').replace(/%%/g, '').match(/%/g), null, l);
      }
    }),
    { numRuns: RUNS, seed: 12 },
  );
  assert.ok(accepted > 0, 'some hostile values were accepted by the model');
});

test.run();
