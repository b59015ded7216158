// Every emitted bootstrap is checked against Envoy's own API definitions (test/envoy/validate.ts),
// and the validator itself must reject broken configs.
import { join } from 'node:path';
import { parse } from 'yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers.js';
import { EMIT_DEFAULTS, modelOfFixture, rendered } from '../envoy/routing.js';
import { uninterpreted, validateAs, validateBootstrap } from '../envoy/validate.js';
import { re2FullMatch } from '../envoy/evaluate.js';

const FIXTURES = [join(ROOT, 'fixtures/cafe'), ...['hosts', 'defaults', 'regex', 'tls', 'annotations'].map((n) => join(ROOT, 'test/envoy/fixtures', n))];

/** Every string under a key named "regex" in the config. */
function regexes(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => regexes(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) k === 'regex' && typeof v === 'string' ? out.push(v) : regexes(v, out);
  return out;
}

for (const dir of FIXTURES) {
  const name = dir.slice(ROOT.length + 1);
  test(`${name}: the bootstrap satisfies Envoy's API definitions and validation rules`, () => {
    for (const options of [EMIT_DEFAULTS, { ...EMIT_DEFAULTS, httpPort: 8080, httpsPort: 8443, listenAddress: '127.0.0.1' }]) {
      const { bootstrap } = rendered(modelOfFixture(dir), options);
      assert.equal(validateBootstrap(bootstrap), []);
    }
  });
  test(`${name}: every regex compiles in RE2`, () => {
    const { bootstrap } = rendered(modelOfFixture(dir));
    for (const re of regexes(bootstrap)) re2FullMatch(re, '/'); // throws on a syntax RE2 refuses
  });
}

test('every validation rule met on the emitted fields was interpreted', () => {
  for (const dir of FIXTURES) validateBootstrap(rendered(modelOfFixture(dir)).bootstrap);
  assert.equal([...uninterpreted], []);
});

// The validator must be able to fail.
const cafe = () => parse(rendered(modelOfFixture(FIXTURES[0])).result.files[0].content);
const messages = (v: unknown) => validateBootstrap(v).map((p) => `${p.path}: ${p.message}`);
const hcmOf = (b: any) => b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;

test('rejects an unknown field', () => {
  const b = cafe();
  b.static_resources.clusters[0].conect_timeout = '5s';
  assert.match(messages(b).join('\n'), /clusters\[0\]\.conect_timeout: unknown field "conect_timeout"/);
});

test('rejects an unknown field inside a typed_config', () => {
  const b = cafe();
  hcmOf(b).normalise_path = true;
  assert.match(messages(b).join('\n'), /unknown field "normalise_path" in envoy\.extensions\.filters\.network\.http_connection_manager\.v3\.HttpConnectionManager/);
});

test('rejects an enum name that does not exist', () => {
  const b = cafe();
  b.static_resources.clusters[0].lb_policy = 'ROUND_ROBBIN';
  assert.match(messages(b).join('\n'), /lb_policy: "ROUND_ROBBIN" is not a value of enum/);
});

test('rejects a missing required field (PGV) and a required oneof left empty', () => {
  const b = cafe();
  delete b.static_resources.clusters[0].name;
  delete b.static_resources.listeners[0].filter_chains[0].filters[0].name;
  const vh = hcmOf(b).route_config.virtual_hosts[0];
  delete vh.routes[1].match.path_separated_prefix;
  vh.domains = [];
  const all = messages(b).join('\n');
  assert.match(all, /clusters\[0\]: oneof|clusters\[0\]\.name: .*min_len|clusters\[0\]\.name/);
  assert.match(all, /filters\[0\]\.name: string shorter than min_len 1 \(the field is absent\)/);
  assert.match(all, /routes\[1\]\.match: oneof path_specifier of envoy\.config\.route\.v3\.RouteMatch is required/);
  assert.match(all, /domains: needs at least 1 items, has 0/);
});

test('rejects two members of one oneof', () => {
  const b = cafe();
  hcmOf(b).route_config.virtual_hosts[0].routes[1].match.prefix = '/coffee';
  assert.match(messages(b).join('\n'), /oneof path_specifier .* has 2 members set: prefix, path_separated_prefix/);
  const c = cafe();
  c.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.rds = { route_config_name: 'x' };
  assert.match(messages(c).join('\n'), /oneof route_specifier .* has 2 members set/);
});

test('rejects wrong JSON types, bad durations and numbers out of range', () => {
  const b = cafe();
  b.static_resources.clusters[0].connect_timeout = '5 seconds';
  b.static_resources.listeners[0].address.socket_address.port_value = 70000;
  hcmOf(b).merge_slashes = 'yes';
  b.static_resources.clusters[1].connect_timeout = '0s';
  hcmOf(b).http_filters[0].typed_config.max_request_bytes = 0;
  const all = messages(b).join('\n');
  assert.match(all, /connect_timeout: expected a Duration/);
  assert.match(all, /port_value: .*out of range|port_value: expected an integer in the uint32 range/);
  assert.match(all, /merge_slashes: expected true or false/);
  assert.match(all, /clusters\[1\]\.connect_timeout: 0s must be greater than 0s/);
  assert.match(all, /max_request_bytes: 0 is out of range/);
});

test('rejects an Any whose type does not resolve, or is not a type URL', () => {
  const b = cafe();
  hcmOf(b).http_filters[1].typed_config['@type'] = 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Routr';
  b.static_resources.listeners[1].listener_filters[0].typed_config['@type'] = 'envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector';
  const all = messages(b).join('\n');
  assert.match(all, /Routr does not resolve/);
  assert.match(all, /"@type" must be type\.googleapis\.com\/<message>/);
});

test('rejects a deprecated field, a path_separated_prefix with a trailing slash and a bad header name', () => {
  const b = cafe();
  const vh = hcmOf(b).route_config.virtual_hosts[0];
  vh.cors = {};
  vh.routes[1].match.path_separated_prefix = '/coffee/';
  vh.routes[1].match.headers = [{ name: 'bad\nname', string_match: { exact: 'x' } }]; // strict: false only refuses NUL, CR, LF
  const all = messages(b).join('\n');
  assert.match(all, /cors: field "cors" of envoy\.config\.route\.v3\.VirtualHost is deprecated/);
  assert.match(all, /path_separated_prefix: "\/coffee\/" does not match pattern/);
  assert.match(all, /headers\[0\]\.name: "bad\\nname" is not a valid HTTP_HEADER_NAME/);
});

test('validates a single message type too', () => {
  assert.equal(validateAs('envoy.config.route.v3.RouteMatch', { path: '/x' }), []);
  assert.ok(validateAs('envoy.config.route.v3.RouteMatch', { path: 5 }).length);
});

test.run();
