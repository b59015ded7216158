// renderEnvoy: golden files, determinism, certificates, clusters, findings, hostile input.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderEnvoy } from '../../src/emit/envoy/index.js';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import type { RouteModel } from '../../src/model/types.js';
import { matchGolden } from '../golden.js';
import { ROOT, ingress, modelOf } from '../helpers.js';
import { EMIT_DEFAULTS, envoyOutcome, modelOfFixture, rendered } from '../envoy/routing.js';
import { validateBootstrap } from '../envoy/validate.js';

const FIXTURES: Record<string, string> = {
  cafe: join(ROOT, 'fixtures/cafe'),
  hosts: join(ROOT, 'test/envoy/fixtures/hosts'),
  defaults: join(ROOT, 'test/envoy/fixtures/defaults'),
  regex: join(ROOT, 'test/envoy/fixtures/regex'),
  tls: join(ROOT, 'test/envoy/fixtures/tls'),
  annotations: join(ROOT, 'test/envoy/fixtures/annotations'),
};

const yamlOf = (model: RouteModel, options = EMIT_DEFAULTS) => renderEnvoy(model, options).files[0].content;
const service = (name: string, extra = '') => `---\napiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  ports: [{name: http, port: 80}]\n${extra}`;
const withAnnotations = (annotations: Record<string, string>, paths: [string, string, string][] = [['/', 'Prefix', 'a']]) => modelOf(ingress('ing', 'foo.com', paths, { annotations: Object.fromEntries(Object.entries(annotations).map(([k, v]) => [`nginx.ingress.kubernetes.io/${k}`, v])) }));

// Golden files: UPDATE_GOLDEN=1 rewrites them.
for (const [name, dir] of Object.entries(FIXTURES)) {
  test(`golden: ${name}`, () => {
    const result = renderEnvoy(modelOfFixture(dir), EMIT_DEFAULTS);
    matchGolden(result.files[0].content, join(ROOT, 'test/golden/envoy', name, 'envoy.yaml'), 'emit/envoy.test');
    assert.is(result.mainFile, 'envoy.yaml');
  });
}

test('determinism: the same objects in another order or file split give byte-identical files', () => {
  const files = ['cafe-secret.yaml', 'cafe-ingress.yaml', 'cafe.yaml'].map((f) => join(FIXTURES.cafe, f));
  const docs = loadInputs(files).documents;
  const a = renderEnvoy(resolve(docs), EMIT_DEFAULTS).files;
  const b = renderEnvoy(resolve([...docs].reverse()), EMIT_DEFAULTS).files;
  const c = renderEnvoy(resolve(loadInputs([FIXTURES.cafe]).documents), EMIT_DEFAULTS).files;
  assert.equal(b, a);
  assert.equal(c, a);
  const hosts = loadInputs([FIXTURES.hosts]).documents;
  assert.is(yamlOf(resolve([...hosts].reverse())), yamlOf(resolve(hosts)));
});

test('certificates: files from the Secret, the key with mode 0600, referenced by file name and never inlined', () => {
  const { result, bootstrap } = rendered(modelOfFixture(FIXTURES.cafe));
  const byPath = new Map(result.files.map((f) => [f.path, f]));
  const key = byPath.get('certs/default_cafe-secret.key')!;
  const crt = byPath.get('certs/default_cafe-secret.crt')!;
  assert.is(key.mode, 0o600);
  assert.is(crt.mode, undefined);
  assert.ok(new X509Certificate(crt.content).checkPrivateKey(createPrivateKey(key.content)));
  assert.not.match(result.files[0].content, /PRIVATE KEY|BEGIN CERTIFICATE/);
  const sni = bootstrap.static_resources.listeners[1].filter_chains[0];
  assert.equal(sni.filter_chain_match.server_names, ['cafe.example.com']);
  const certs = sni.transport_socket.typed_config.common_tls_context.tls_certificates[0];
  assert.equal(certs, { certificate_chain: { filename: 'certs/default_cafe-secret.crt' }, private_key: { filename: 'certs/default_cafe-secret.key' } });
});

test('a TLS host without a usable Secret gets a fresh self-signed certificate; envoy.yaml stays identical', () => {
  const model = modelOf(ingress('ing', 'foo.com', [['/', 'Prefix', 'a']], { tls: 'missing' }));
  const a = renderEnvoy(model, EMIT_DEFAULTS);
  const b = renderEnvoy(model, EMIT_DEFAULTS);
  assert.equal(a.files.map((f) => f.path), ['envoy.yaml', 'certs/fallback.crt', 'certs/fallback.key']);
  const key = a.files[2];
  assert.is(key.mode, 0o600);
  const cert = new X509Certificate(a.files[1].content);
  assert.ok(cert.verify(cert.publicKey));
  assert.ok(cert.checkPrivateKey(createPrivateKey(key.content)));
  assert.is.not(a.files[2].content, b.files[2].content); // never a key known in advance
  assert.is(a.files[0].content, b.files[0].content);
  const https = parse(a.files[0].content).static_resources.listeners[1];
  assert.equal(https.filter_chains.length, 1); // no SNI chain: the default is the only one
  assert.is(https.filter_chains[0].transport_socket.typed_config.common_tls_context.tls_certificates[0].certificate_chain.filename, 'certs/fallback.crt');
  assert.equal(validateBootstrap(parse(a.files[0].content)), []);
});

test('no TLS host: no HTTPS listener', () => {
  const { bootstrap } = rendered(modelOfFixture(FIXTURES.hosts));
  assert.equal(bootstrap.static_resources.listeners.map((l: any) => l.name), ['http']);
});

test('clusters: endpoints are STATIC, Service names STRICT_DNS with the cluster DNS server', () => {
  const endpoints = `---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: a}\nsubsets:\n  - addresses: [{ip: 10.0.0.2}, {ip: 10.0.0.1}]\n    ports: [{name: http, port: 8080}]\n`;
  const model = modelOf(ingress('ing', 'foo.com', [['/a', 'Prefix', 'a'], ['/b', 'Prefix', 'b']]) + service('a') + service('b') + endpoints);
  const { bootstrap } = rendered(model, { ...EMIT_DEFAULTS, resolver: '10.0.0.53:5353' });
  const [a, b] = bootstrap.static_resources.clusters;
  assert.is(a.name, 'default/a:80');
  assert.is(a.type, 'STATIC');
  assert.equal(a.load_assignment.endpoints[0].lb_endpoints.map((e: any) => e.endpoint.address.socket_address), [{ address: '10.0.0.1', port_value: 8080 }, { address: '10.0.0.2', port_value: 8080 }]);
  assert.is(a.typed_dns_resolver_config, undefined);
  assert.is(b.type, 'STRICT_DNS');
  assert.equal(b.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address, { address: 'b.default.svc.cluster.local', port_value: 80 });
  assert.equal(b.typed_dns_resolver_config.typed_config.resolvers, [{ socket_address: { address: '10.0.0.53', port_value: 5353 } }]);
  assert.is(a.connect_timeout, '5s');
  assert.equal(a.typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].explicit_http_config, { http_protocol_options: {} });
});

test('clusters: an --upstream host name is resolved by the system resolver; an IP is STATIC', () => {
  const yaml = ingress('ing', 'foo.com', [['/a', 'Prefix', 'a'], ['/b', 'Prefix', 'b']]);
  const model = modelOf(yaml, { upstreams: new Map([['default/a', { host: 'localhost', port: 9001 }], ['default/b:80', { host: '127.0.0.1', port: 9002 }]]) });
  const [a, b] = rendered(model).bootstrap.static_resources.clusters;
  assert.is(a.type, 'STRICT_DNS');
  assert.is(a.typed_dns_resolver_config, undefined);
  assert.is(b.type, 'STATIC');
});

test('clusters: gRPC speaks HTTP/2, HTTPS backends get TLS, a custom connect timeout its own cluster', () => {
  const grpc = rendered(withAnnotations({ 'backend-protocol': 'GRPCS', 'proxy-connect-timeout': '10' })).bootstrap.static_resources.clusters[0];
  assert.is(grpc.name, 'default/a:80~grpcs~connect-10s');
  assert.is(grpc.connect_timeout, '10s');
  assert.equal(grpc.typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].explicit_http_config, { http2_protocol_options: {} });
  assert.is(grpc.transport_socket.typed_config['@type'], 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext');
  const grpcRoute = rendered(withAnnotations({ 'backend-protocol': 'GRPC' }));
  const r = grpcRoute.bootstrap.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[1];
  assert.is(r.typed_per_filter_config['envoy.filters.http.buffer'].disabled, true); // streams are never buffered whole
  assert.ok(grpcRoute.result.findings.some((f) => f.ruleId === 'target-approximate' && /not enforced for the gRPC backend/.test(f.message)));
  const https = rendered(withAnnotations({ 'backend-protocol': 'HTTPS' })).bootstrap;
  assert.ok(https.static_resources.clusters[0].transport_socket);
  assert.equal(validateBootstrap(https), []);
});

test('routes: timeouts and body limits follow the policy', () => {
  const { bootstrap, result } = rendered(withAnnotations({ 'proxy-read-timeout': '120', 'proxy-send-timeout': '120', 'proxy-body-size': '8m' }));
  const route = bootstrap.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[1];
  assert.equal(route.route, { cluster: 'default/a:80', timeout: '0s', idle_timeout: '120s' });
  assert.equal(route.typed_per_filter_config['envoy.filters.http.buffer'], { '@type': 'type.googleapis.com/envoy.extensions.filters.http.buffer.v3.BufferPerRoute', buffer: { max_request_bytes: 8 * 1024 * 1024 } });
  assert.equal(result.findings.filter((f) => f.severity !== 'info'), []);
  const unlimited = rendered(withAnnotations({ 'proxy-body-size': '0' })).bootstrap;
  const r2 = unlimited.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[1];
  assert.is(r2.typed_per_filter_config['envoy.filters.http.buffer'].disabled, true);
  assert.equal(validateBootstrap(unlimited), []);
});

test('findings: what Envoy expresses only approximately names the Ingress field it came from', () => {
  const { result } = rendered(withAnnotations({ 'proxy-read-timeout': '30', 'proxy-send-timeout': '90', 'proxy-body-size': '8g' }));
  const warnings = result.findings.filter((f) => f.severity === 'warning');
  assert.is(warnings.length, 2);
  for (const w of warnings) {
    assert.is(w.ruleId, 'target-approximate');
    assert.is(w.file, 'test.yaml');
    assert.ok(w.line! > 1);
    assert.is(w.path, 'spec.rules[0].http.paths[0]');
    assert.is(w.object, 'Ingress default/ing');
  }
  assert.match(warnings.map((w) => w.message).join('\n'), /differ; Envoy has one idle timeout.*90s[\s\S]*above Envoy's largest/);
});

test('a regex RE2 would read differently is refused with a finding, and its route left out', () => {
  // ("/[[:alpha:]]" and "/[]a]" are refused by the model itself now: PCRE reads them differently too)
  for (const bad of ['/a\\u0041', '/a{,3}', '/x\\cA', '/é']) {
    const model = modelOf(ingress('ing', 'foo.com', [[bad, 'ImplementationSpecific', 'a'], ['/ok', 'Prefix', 'ok']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } }));
    assert.is(model.hosts[0]?.routes.length, 2, `the model accepts ${bad}`);
    const { result, bootstrap } = rendered(model);
    const f = result.findings.find((x) => x.ruleId === 'target-unsafe-value');
    assert.ok(f, bad);
    assert.is(f!.severity, 'error');
    assert.is(f!.path, 'spec.rules[0].http.paths[0]');
    assert.not.ok(result.files[0].content.includes(JSON.stringify(bad).slice(1, -1)), bad);
    assert.equal(validateBootstrap(bootstrap), []);
  }
});

test('Envoy is told the largest regex program ingressctl emits; larger regexes are refused', () => {
  const { bootstrap } = rendered(modelOfFixture(FIXTURES.regex));
  assert.equal(bootstrap.layered_runtime.layers[0].static_layer, { 're2.max_program_size.error_level': 1000 });
  const model = modelOf(ingress('ing', 'foo.com', [['/([a-z]|x){900}', 'ImplementationSpecific', 'a']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } }));
  const f = rendered(model).result.findings.find((x) => x.ruleId === 'target-unsafe-value');
  assert.match(f!.message, /too complex for Envoy/);
});

test('hostile values stay values: quotes, colons, hashes and YAML 1.1 words round-trip as strings', () => {
  const model = modelOf(
    ingress('ing', 'on', [['/a"b: c#d', 'Prefix', 'a'], ['/x', 'Exact', 'b']]) +
      ingress('re', 'yes', [["/q'\"[:]{1}&*!|", 'ImplementationSpecific', 'c']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } }),
  );
  const { result, bootstrap } = rendered(model);
  const text = result.files[0].content;
  // written as quoted strings, never as YAML 1.1 booleans
  assert.match(text, /\n\s+"on",?\n/);
  assert.match(text, /\n\s+"yes",?\n/);
  assert.not.match(text, /[\s\[,:]on[\s,\]]/);
  const vhosts = bootstrap.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts;
  assert.equal(vhosts.map((v: any) => v.domains[0]), ['on', 'yes', '*']);
  const all = vhosts.flatMap((v: any) => v.routes.map((r: any) => r.match));
  assert.ok(all.some((m: any) => m.path === '/x'));
  assert.ok(all.some((m: any) => m.safe_regex?.regex === "(?i).*?(?:^/q'\"[:]{1}&*!|).*"));
  assert.equal(validateBootstrap(bootstrap), []);
  assert.is(envoyOutcome(bootstrap, { scheme: 'http', host: 'on', target: '/x' }), 'default/b:80');
});

test('an ExternalName that is not a DNS name never reaches envoy.yaml', () => {
  const svc = `---\napiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  type: ExternalName\n  externalName: "evil.com\\n  - inject: true"\n  ports: [{name: http, port: 80}]\n`;
  const model = modelOf(ingress('ing', 'foo.com', [['/', 'Prefix', 'a']]) + svc);
  const { result, bootstrap } = rendered(model);
  assert.not.match(result.files[0].content, /evil|inject/);
  assert.ok(result.findings.some((f) => f.ruleId === 'target-unsafe-value' && f.severity === 'error' && /evil\.com/.test(f.message)));
  assert.is(envoyOutcome(bootstrap, { scheme: 'http', host: 'foo.com', target: '/' }), '503');
  assert.equal(bootstrap.static_resources.clusters, []);
});

test('a host that is not a DNS name never becomes a domain (second line behind the model)', () => {
  const model = modelOf(ingress('ing', 'foo.com', [['/', 'Prefix', 'a']]));
  model.hosts[0].host = 'foo.com"\n- x';
  const { result, bootstrap } = rendered(model);
  assert.not.match(result.files[0].content, /- x/);
  assert.ok(result.findings.some((f) => f.ruleId === 'target-unsafe-value' && /not a DNS name/.test(f.message)));
  assert.equal(validateBootstrap(bootstrap), []);
});

test('an unresolved backend answers 503 without a cluster', () => {
  const model = modelOf(ingress('ing', 'foo.com', [['/', 'Prefix', 'a']]).replace('number: 80', 'name: http'));
  const { bootstrap } = rendered(model);
  assert.is(envoyOutcome(bootstrap, { scheme: 'http', host: 'foo.com', target: '/x' }), '503');
  assert.equal(bootstrap.static_resources.clusters, []);
});

test('a Secret name that cannot be a file name is refused; the host gets the fallback certificate', () => {
  const secret = readFileSync(join(ROOT, 'test/envoy/fixtures/tls/secret.yaml'), 'utf8').replace('name: test-tls', 'name: "../x"');
  const model = modelOf(ingress('ing', 'secure.test', [['/', 'Prefix', 'a']], { tls: '"../x"' }) + '---\n' + secret);
  assert.ok(model.hosts[0].tls?.usable, 'the model accepts the Secret');
  const { result } = rendered(model);
  assert.equal(result.files.map((f) => f.path), ['envoy.yaml', 'certs/fallback.crt', 'certs/fallback.key']);
  assert.ok(result.findings.some((f) => f.ruleId === 'target-unsafe-value' && /cannot name a certificate file/.test(f.message)));
});

test('listen address and resolver are checked: anything but an IP is refused with a finding', () => {
  const model = modelOf(ingress('ing', 'foo.com', [['/', 'Prefix', 'a']]));
  const { result, bootstrap } = rendered(model, { ...EMIT_DEFAULTS, listenAddress: '0.0.0.0" ; x', resolver: 'kube-dns' });
  assert.is(bootstrap.static_resources.listeners[0].address.socket_address.address, '127.0.0.1');
  assert.is(bootstrap.static_resources.clusters[0].typed_dns_resolver_config, undefined);
  assert.equal(result.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId), ['target-unsafe-value', 'target-unsafe-value']);
  assert.is(rendered(model, { ...EMIT_DEFAULTS, listenAddress: '::1' }).bootstrap.static_resources.listeners[0].address.socket_address.address, '::1');
});

test('the request-path differences Envoy cannot avoid are reported once, as info', () => {
  const { result } = rendered(modelOfFixture(FIXTURES.cafe));
  assert.equal(result.findings.map((f) => [f.ruleId, f.severity]), [['target-approximate', 'info']]);
});

test.run();
