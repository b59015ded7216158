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
import { ROOT } from '../helpers.js';

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

test.run();
