// Gateway API objects against their CRD schema: after defaulting, with did-you-mean for unknown
// fields and the API server's wording, at the field's line:col.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { celPropertyName, parseJsonPath, toCel } from '../../src/gateway/cel.js';
import { hostMatches, intersect } from '../../src/gateway/hostnames.js';
import { readRoute } from '../../src/gateway/read.js';
import { DEFAULTS_KEEP_VALID, defaultedObject, hasSchema, schemaRefusedObject, validateDocument } from '../../src/schema/validate.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GATEWAY_API_VERSION } from '../../src/gateway/kinds.js';
import { cli, ROOT } from '../helpers.js';
import { lintText, loadText } from '../lint/helpers.js';

const API = new Set(['schema', 'crd-validation']);
const apiFindings = (yaml: string) => lintText(yaml).findings.filter((f) => API.has(f.ruleId));

const route = (apiVersion: string, spec: string) => `apiVersion: ${apiVersion}\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n${spec}\n`;

test('the served versions have schemas: v1 and v1beta1 (GRPCRoute: v1 only)', () => {
  for (const k of ['GatewayClass', 'Gateway', 'HTTPRoute', 'ReferenceGrant']) {
    assert.ok(hasSchema('gateway.networking.k8s.io/v1', k), k);
    assert.ok(hasSchema('gateway.networking.k8s.io/v1beta1', k), k);
  }
  assert.ok(hasSchema('gateway.networking.k8s.io/v1', 'GRPCRoute'));
  assert.not.ok(hasSchema('gateway.networking.k8s.io/v1beta1', 'GRPCRoute'));
  assert.not.ok(hasSchema('gateway.networking.k8s.io/v1alpha2', 'TCPRoute'));
});

test('an unknown field gets a did-you-mean at its key (v1 and v1beta1)', () => {
  for (const v of ['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1']) {
    const fs = apiFindings(route(v, '  rules:\n    - matches:\n        - path: {type: Exact, value: /a}\n          methd: GET'));
    assert.is(fs.length, 1, JSON.stringify(fs));
    assert.is(fs[0].message, 'unknown field "methd" in spec.rules[0].matches[0] (did you mean "method"?)');
    assert.is(`${fs[0].line}:${fs[0].column}`, '9:11');
  }
});

test('a wrong enum value is worded as the API server words it, at the value', () => {
  const fs = apiFindings(route('gateway.networking.k8s.io/v1', '  rules:\n    - matches:\n        - method: FETCH'));
  assert.is(fs.length, 1);
  assert.match(fs[0].message, /^spec\.rules\[0\]\.matches\[0\]\.method: Unsupported value: "FETCH": supported values: "GET", "HEAD"/);
  assert.is(`${fs[0].line}:${fs[0].column}`, '8:19');
});

test('a pattern mismatch names the pattern; a wrong type names both types', () => {
  const fs = apiFindings(route('gateway.networking.k8s.io/v1', '  hostnames: [Shop.Example.com]\n  rules:\n    - backendRefs:\n        - {name: web, port: "80"}'));
  assert.is(fs.length, 2, JSON.stringify(fs));
  assert.match(fs[0].message, /^spec\.hostnames\[0\]: Invalid value: "Shop\.Example\.com": spec\.hostnames\[0\] in body should match '\^/);
  assert.is(fs[1].message, 'spec.rules[0].backendRefs[0].port: Invalid value: "string": spec.rules[0].backendRefs[0].port in body must be of type integer: "string"');
});

test('defaults are applied before validation, on a copy: the document keeps what was written', () => {
  const doc = loadText(route('gateway.networking.k8s.io/v1', '  parentRefs: [{name: gw}]\n  rules:\n    - backendRefs: [{name: web, port: 80}]')).documents[0];
  const d = defaultedObject(doc) as any;
  assert.equal(d.spec.rules[0].matches, [{ path: { type: 'PathPrefix', value: '/' } }]);
  assert.is(d.spec.rules[0].backendRefs[0].weight, 1);
  assert.is(d.spec.rules[0].backendRefs[0].kind, 'Service');
  assert.is(d.spec.rules[0].backendRefs[0].group, '');
  assert.is(d.spec.parentRefs[0].kind, 'Gateway');
  assert.is(d.spec.parentRefs[0].group, 'gateway.networking.k8s.io');
  assert.is((doc.obj as any).spec.rules[0].matches, undefined);
  const r = readRoute(doc);
  assert.equal(r.rules[0].backendRefs[0], { group: '', kind: 'Service', namespace: 'default', name: 'web', port: 80, weight: 1, filters: [], path: ['spec', 'rules', 0, 'backendRefs', 0] });
  // the reader lowercases hostnames: matching is case-insensitive
  assert.equal(readRoute(loadText(route('gateway.networking.k8s.io/v1', '  hostnames: [Shop.Example.com]')).documents[0]).hostnames, ['shop.example.com']);
});

test('kinds validated as written first: their CRDs constrain no field by the presence of another, nor require a field that has a default', () => {
  const dir = join(ROOT, 'schemas/gateway-api');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && DEFAULTS_KEEP_VALID.has(f.replace(/\.json$/, '').split('_').pop()!));
  assert.ok(files.length >= DEFAULTS_KEEP_VALID.size, files.join());
  for (const f of files) {
    const found: string[] = [];
    const walk = (n: unknown, at: string): void => {
      if (!n || typeof n !== 'object') return;
      if (Array.isArray(n)) return n.forEach((x, i) => walk(x, `${at}[${i}]`));
      const o = n as Record<string, any>;
      for (const k of ['anyOf', 'oneOf', 'not', 'minProperties', 'maxProperties', 'dependentRequired', 'dependencies', 'if']) if (k in o) found.push(`${at}: ${k}`);
      for (const r of Array.isArray(o.required) ? o.required : []) if (o.properties?.[r]?.default !== undefined) found.push(`${at}.${r}: required with a default`);
      for (const [k, v] of Object.entries(o)) if (k !== 'properties') walk(v, at);
      for (const [k, v] of Object.entries(o.properties ?? {})) walk(v, `${at}.${k}`);
    };
    walk(JSON.parse(readFileSync(join(dir, f), 'utf8')), '');
    assert.equal(found, [], f);
  }
});

test('a route valid as written gets its defaults only when lint asks for them; one that is not is validated with them', () => {
  const doc = loadText(route('gateway.networking.k8s.io/v1', '  rules:\n    - backendRefs: [{name: web, port: 80}]')).documents[0];
  assert.equal(validateDocument(doc), []);
  assert.equal((defaultedObject(doc) as any).spec.rules[0].matches, [{ path: { type: 'PathPrefix', value: '/' } }]);
  const bad = loadText(route('gateway.networking.k8s.io/v1', '  rules:\n    - backendRefs: [{name: web, port: "80"}]')).documents[0];
  const fs = validateDocument(bad);
  assert.is(fs.length, 1, JSON.stringify(fs));
  assert.match(fs[0].message, /port in body must be of type integer/);
  assert.ok(schemaRefusedObject(bad));
});

test('a default that a rule then checks: a path match without type is PathPrefix, and must start with / (v1 and v1beta1)', () => {
  assert.is(apiFindings(route('gateway.networking.k8s.io/v1beta1', '  rules:\n    - matches:\n        - path: {value: api}'))[0]?.ruleId, 'crd-validation');
  const fs = apiFindings(route('gateway.networking.k8s.io/v1', '  rules:\n    - matches:\n        - path: {value: api}'));
  assert.is(fs.length, 1);
  assert.is(fs[0].ruleId, 'crd-validation');
  assert.is(fs[0].message, "spec.rules[0].matches[0].path: Invalid value: \"object\": value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']");
  assert.is(`${fs[0].line}:${fs[0].column}`, '8:17');
});

test('the route limits are the CRD\'s: schema for 16 rules, CEL for 128 matches in all', () => {
  const rules = (n: number, m: number) => `  rules:\n${Array.from({ length: n }, () => `    - matches:\n${'        - path: {type: Exact, value: /}\n'.repeat(m)}`).join('')}`;
  assert.is(apiFindings(route('gateway.networking.k8s.io/v1', rules(16, 8))).length, 0);
  const tooMany = apiFindings(route('gateway.networking.k8s.io/v1', rules(16, 9)));
  assert.is(tooMany.length, 1);
  assert.match(tooMany[0].message, /^spec\.rules: Invalid value: "array": While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128/);
});

test('a GatewayClass is cluster-scoped; its transition rule (controllerName immutable) is skipped offline', () => {
  const r = lintText('apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: example\nspec:\n  controllerName: example.com/gateway-controller\n');
  assert.equal(r.findings.filter((f) => API.has(f.ruleId)), []);
});

test('CEL: reserved words and punctuation in property names are escaped as the API server does', () => {
  assert.is(celPropertyName('namespace'), '__namespace__');
  assert.is(celPropertyName('if'), '__if__');
  assert.is(celPropertyName('a-b.c/d'), 'a__dash__b__dot__c__slash__d');
  assert.is(celPropertyName('x__y'), 'x__underscores__y');
  const v = toCel({ t: 'o', p: { namespace: { t: 's' }, port: { t: 'i' }, options: { t: 'o', m: { t: 's' } } } }, { namespace: 'a', port: 80, options: { 'example.com/k': 'v' } }) as Map<string, unknown>;
  assert.is(v.get('__namespace__'), 'a');
  assert.is(v.get('port'), 80n);
  assert.is((v.get('options') as Map<string, unknown>).get('example.com/k'), 'v');
});

test('CEL: a rule fieldPath is read as JSON path', () => {
  assert.equal(parseJsonPath(".spec.listeners[0].tls['example.com/x']"), ['spec', 'listeners', 0, 'tls', 'example.com/x']);
});

test('hostnames: a Gateway API wildcard matches one or more labels, never the bare domain', () => {
  assert.ok(hostMatches('*.example.com', 'a.example.com'));
  assert.ok(hostMatches('*.example.com', 'a.b.example.com'));
  assert.not.ok(hostMatches('*.example.com', 'example.com'));
  assert.not.ok(hostMatches('*.example.com', 'aexample.com'));
});

test('hostnames: intersection of route and listener hostnames', () => {
  assert.ok((intersect('shop.example.com', 'shop.example.com') !== undefined));
  assert.ok((intersect('*.example.com', 'a.b.example.com') !== undefined));
  assert.ok((intersect('a.b.example.com', '*.example.com') !== undefined));
  assert.ok((intersect('*.example.com', '*.b.example.com') !== undefined));
  assert.ok((intersect('*.b.example.com', '*.example.com') !== undefined));
  assert.not.ok((intersect('*.example.com', 'example.com') !== undefined));
  assert.not.ok((intersect('*.example.com', '*.example.org') !== undefined));
  assert.not.ok((intersect('*.xample.com', '*.example.com') !== undefined));
});

test('lint --help names the Gateway API release and channel the schemas come from', async () => {
  const r = await cli(['lint', '--help']);
  assert.match(r.stdout, `Gateway API ${GATEWAY_API_VERSION}, standard channel`);
  const dir = join(ROOT, 'schemas/gateway-api');
  assert.match(readFileSync(join(dir, 'README.md'), 'utf8'), `tag \`${GATEWAY_API_VERSION}\``);
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) assert.match(JSON.parse(readFileSync(join(dir, f), 'utf8')).$comment, ` ${GATEWAY_API_VERSION} `, f);
});

test.run();
