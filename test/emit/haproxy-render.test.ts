// renderHaproxy: what reaches haproxy.cfg, what is refused, what is reported.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHaproxy } from '../../src/emit/haproxy/render.js';
import type { EmitOptions, EmitResult } from '../../src/emit/types.js';
import { defaultPolicy } from '../../src/model/policy.js';
import type { Origin, PathMatch, Route, RouteModel, Upstream } from '../../src/model/types.js';
import { ingress, modelOf, ROOT } from '../helpers.js';

const OPTIONS: EmitOptions = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };
const render = (model: RouteModel, options: Partial<EmitOptions> = {}) => renderHaproxy(model, { ...OPTIONS, ...options });
const cfgOf = (r: EmitResult) => r.files.find((f) => f.path === r.mainFile)!.content;
/** The lines HAProxy reads (comments and blank lines left out), trimmed. */
const directives = (r: EmitResult) => cfgOf(r).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const file = (r: EmitResult, path: string) => r.files.find((f) => f.path === path);

const cafe = (annotations?: Record<string, string>, tls?: string) => modelOf(ingress('cafe', 'cafe.example.com', [['/tea', 'Prefix', 'tea'], ['/', 'Prefix', 'root']], { annotations, tls }));

test('haproxy.cfg is the main file; no directive needs root or a daemon', () => {
  const r = render(cafe());
  assert.is(r.mainFile, 'haproxy.cfg');
  for (const l of directives(r)) assert.not.match(l, /^(daemon|chroot|user|group|pidfile|master-worker)\b/, l);
  assert.ok(directives(r).includes('expose-experimental-directives'));
});

test('bind lines: ports, listen address, HTTPS with the fallback certificate when no host has TLS', () => {
  const r = render(cafe(), { httpPort: 8080, httpsPort: 8443, listenAddress: '127.0.0.1' });
  const binds = directives(r).filter((l) => l.startsWith('bind '));
  assert.equal(binds, ['bind 127.0.0.1:8080', 'bind 127.0.0.1:8443 ssl crt certs/_fallback.pem alpn h2,http/1.1']);
  assert.equal(r.files.map((f) => f.path), ['haproxy.cfg', 'certs/_fallback.pem']);
  assert.is(file(r, 'certs/_fallback.pem')!.mode, 0o600);
  assert.ok(directives(render(cafe(), { listenAddress: '::1' })).includes('bind [::1]:80'));
  assert.ok(directives(render(cafe())).includes('bind :80'));
});

test('a listen address that is not an IP is refused with a finding; loopback is used', () => {
  const r = render(cafe(), { listenAddress: '0.0.0.0 ssl crt /etc/shadow' });
  assert.ok(directives(r).includes('bind 127.0.0.1:80'));
  assert.ok(r.findings.some((f) => f.severity === 'error' && f.ruleId === 'target-unsafe-value' && /listen-address/.test(f.message)));
  assert.not.match(cfgOf(r), /shadow/);
});

test('routes are tested in model order, each within its virtual host', () => {
  const m = cafe();
  const cfg = cfgOf(render(m));
  assert.ok(cfg.indexOf('-m beg /tea/') < cfg.indexOf('str(r1) if !routed { var(txn.vh) -m str v0 }'));
  assert.match(cfg, "http-request set-var(txn.route) str(r0) if !routed { var(txn.vh) -m str v0 } { var(txn.segpath) -m beg /tea/ }");
  assert.match(cfg, 'use_backend default_tea_80 if { var(txn.route) -m str r0 }');
  assert.match(cfg, 'use_backend default_root_80 if { var(txn.route) -m str r1 }');
});

test('exact hosts first, then one-label wildcards, then the host-less rules', () => {
  const m = modelOf(ingress('a', 'bar.foo.com', [['/', 'Prefix', 'exact']]) + ingress('b', '*.foo.com', [['/', 'Prefix', 'wild']]) + ingress('c', undefined, [['/', 'Prefix', 'any']]));
  const vh = directives(render(m)).filter((l) => l.includes('set-var(txn.vh)'));
  assert.equal(vh, [
    'http-request set-var(txn.vh) str(v0) if { var(txn.host) -m str bar.foo.com }',
    'http-request set-var(txn.vh) str(v1) if !vhost_found { var(txn.wild) -m str *.foo.com }',
    'http-request set-var(txn.vh) str(v2) unless vhost_found',
  ]);
});

test('Exact, Prefix (trailing slash ignored, / matches all) and case-insensitive anchored Regex', () => {
  const m = modelOf(ingress('p', 'foo.com', [['/exact', 'Exact', 'a'], ['/dir/', 'Prefix', 'b'], ['/', 'Prefix', 'c']]) + ingress('r', 'foo.com', [["/v[0-9]+/it's$", 'ImplementationSpecific', 'd']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } }));
  const cfg = cfgOf(render(m));
  assert.match(cfg, '{ path -m str /exact }');
  assert.match(cfg, '{ var(txn.segpath) -m beg /dir/ }');
  assert.match(cfg, "{ path -m reg -i '^/v[0-9]+/it'\\''s$' }");
  assert.match(cfg, /str\(r\d\) if !routed \{ var\(txn\.vh\) -m str v0 \}\n/);
});

test('HTTP → HTTPS 308 for TLS hosts, with the HTTPS port when it is not 443; not with ssl-redirect false', () => {
  const tls = cafe(undefined, 'missing-secret');
  assert.match(cfgOf(render(tls, { httpsPort: 8443 })), 'http-request redirect location https://%[var(txn.host)]:8443%[path]%[var(txn.query)] code 308 if !{ ssl_fc } { var(txn.route) -m str r0 r1 }');
  assert.match(cfgOf(render(tls)), 'location https://%[var(txn.host)]%[path]%[var(txn.query)] code 308');
  assert.not.match(cfgOf(render(cafe({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' }, 'missing-secret'))), 'redirect');
  assert.match(cfgOf(render(cafe({ 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' }))), 'code 308');
});

test('a TLS host whose Secret is missing is served the one generated fallback certificate, made only when read', () => {
  const r = render(cafe(undefined, 'missing-secret'));
  assert.equal(r.files.map((f) => f.path), ['haproxy.cfg', 'certs/_fallback.pem']);
  assert.type(Object.getOwnPropertyDescriptor(file(r, 'certs/_fallback.pem'), 'content')?.get, 'function', 'a getter: render to stdout never makes it');
  assert.ok(directives(r).some((l) => l.includes('ssl crt certs/_fallback.pem')));
  const pem = file(r, 'certs/_fallback.pem')!;
  assert.is(pem.mode, 0o600);
  const cert = new X509Certificate(pem.content);
  assert.is(cert.subjectAltName, 'DNS:ingress.local');
  assert.ok(cert.checkPrivateKey(createPrivateKey(pem.content)));
  assert.is(pem.content, pem.content, 'made once');
});

test('a catch-all host with a Secret gives the default; hosts without one are named to the generated certificate, one line each', () => {
  const secret = cafeSecret();
  const anyHost = ingress('any', undefined, [['/', 'Prefix', 'a']]).replace('spec:\n', 'spec:\n  tls:\n    - secretName: cafe-secret\n');
  const m = modelOf(anyHost + ingress('b', 'www.example.com', [['/', 'Prefix', 'b']], { tls: 'missing' }) + ingress('c', 'api.example.com', [['/', 'Prefix', 'c']], { tls: 'missing' }) + secret);
  const r = render(m);
  assert.is(file(r, 'crt-list.txt')!.content, 'certs/_fallback.pem !*\ncerts/_self-signed.pem api.example.com\ncerts/_self-signed.pem www.example.com\n');
  assert.is(new X509Certificate(file(r, 'certs/_self-signed.pem')!.content).subjectAltName, 'DNS:ingress.local');
  assert.ok(file(r, 'certs/_fallback.pem')!.content.startsWith(certOf(secret)));
});

test("a usable Secret becomes one combined cert+key file for all its hosts", () => {
  const secret = cafeSecret();
  const m = modelOf(ingress('a', 'cafe.example.com', [['/', 'Prefix', 'a']], { tls: 'cafe-secret' }) + ingress('b', 'www.example.com', [['/', 'Prefix', 'b']], { tls: 'cafe-secret' }) + secret);
  const r = render(m);
  assert.is(file(r, 'crt-list.txt')!.content, 'certs/_fallback.pem !*\ncerts/default_cafe-secret.pem cafe.example.com www.example.com\n');
  const pem = file(r, 'certs/default_cafe-secret.pem')!;
  assert.is(pem.mode, 0o600);
  assert.match(pem.content, /-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----/);
  assert.not.match(cfgOf(r), 'PRIVATE');
});

test('upstreams: endpoints, DNS names through the resolvers section, nowhere to go → 503', () => {
  const yaml = ingress('u', 'foo.com', [['/ep', 'Prefix', 'ep'], ['/dns', 'Prefix', 'dns']]);
  const m = modelOf(yaml, { upstreams: new Map([['default/ep:80', { host: '10.0.0.7', port: 8080 }]]) });
  const r = render(m, { resolver: '[fd00::10]:5353' });
  const d = directives(r);
  assert.ok(d.includes('server ep1 10.0.0.7:8080'));
  assert.ok(d.includes('server dns dns.default.svc.cluster.local:80 resolvers cluster_dns init-addr last,libc,none'));
  assert.ok(d.includes('nameserver dns1 [fd00::10]:5353'));
  const endpointsOnly = render(modelOf(ingress('u', 'foo.com', [['/ep', 'Prefix', 'ep']]), { upstreams: new Map([['default/ep:80', { host: '10.0.0.7', port: 8080 }]]) }));
  assert.not.match(cfgOf(endpointsOnly), 'resolvers');
  const unresolved = modelOf(ingress('n', 'foo.com', [['/', 'Prefix', 'x']]).replace('number: 80', 'name: http'));
  assert.match(cfgOf(render(unresolved)), /backend default_x_http\n(  #.*\n)+  http-request return status 503\n/);
});

test('a resolver that is not an IP address is refused; names are then resolved at start-up only', () => {
  const r = render(cafe(), { resolver: 'kube-dns.local' });
  assert.not.match(cfgOf(r), 'resolvers');
  assert.ok(r.findings.some((f) => f.severity === 'error' && /--resolver/.test(f.message)));
});

test('backend protocol and per-Ingress timeouts reach the backend', () => {
  const m = modelOf(ingress('g', 'foo.com', [['/', 'Prefix', 'g']], { annotations: { 'nginx.ingress.kubernetes.io/backend-protocol': 'GRPCS', 'nginx.ingress.kubernetes.io/proxy-connect-timeout': '3', 'nginx.ingress.kubernetes.io/proxy-read-timeout': '30', 'nginx.ingress.kubernetes.io/proxy-send-timeout': '30' } }));
  const d = directives(render(m));
  assert.ok(d.includes('timeout connect 3s'));
  assert.ok(d.includes('timeout server 30s'));
  assert.ok(d.some((l) => l.startsWith('server dns g.default.svc.cluster.local:80') && l.endsWith('ssl verify none alpn h2')));
});

test('one timeout server: the one the Ingress set when it set only read or only send; a finding only when both are set and differ', () => {
  const server = (ann: Record<string, string>) => {
    const r = render(modelOf(ingress('t', 'foo.com', [['/', 'Prefix', 'a']], { annotations: Object.fromEntries(Object.entries(ann).map(([k, v]) => [`nginx.ingress.kubernetes.io/${k}`, v])) })));
    const b = directives(r).filter((l) => l.startsWith('timeout server'));
    return `${b[b.length - 1]}${r.findings.some((f) => /differ/.test(f.message)) ? ' +finding' : ''}`;
  };
  assert.is(server({ 'proxy-read-timeout': '1' }), 'timeout server 1s');
  assert.is(server({ 'proxy-send-timeout': '5' }), 'timeout server 5s');
  assert.is(server({ 'proxy-read-timeout': '90', 'proxy-send-timeout': '90' }), 'timeout server 90s');
  assert.is(server({ 'proxy-read-timeout': '30', 'proxy-send-timeout': '90' }), 'timeout server 90s +finding');
});

test('approximations are reported at the route that asks for them', () => {
  const m = modelOf(ingress('t', 'foo.com', [['/', 'Prefix', 'a']], { annotations: { 'nginx.ingress.kubernetes.io/proxy-read-timeout': '90', 'nginx.ingress.kubernetes.io/proxy-send-timeout': '60', 'nginx.ingress.kubernetes.io/proxy-body-size': '8k' } }));
  const r = render(m);
  const route = m.hosts[0].routes[0].origin;
  const timeout = r.findings.find((f) => /proxy-send-timeout/.test(f.message))!;
  assert.is(timeout.ruleId, 'target-approximate');
  assert.is(timeout.severity, 'warning');
  assert.equal([timeout.file, timeout.line, timeout.object], [route.file, route.line, 'Ingress default/t']);
  assert.ok(r.findings.some((f) => /8192 bytes.*Content-Length/.test(f.message)));
  assert.match(cfgOf(r), '{ req.hdr_val(content-length) gt 8192 }');
  assert.ok(directives(r).includes('timeout server 90s'));
});

test('rewrite-target: replace-path with $N as \\N on regex routes; a query in the target is reported, not applied', () => {
  const m = modelOf(ingress('rw', 'foo.com', [['/s(/|$)(.*)', 'ImplementationSpecific', 'a']], { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/x/$2' } }));
  assert.match(cfgOf(render(m)), "http-request replace-path '(?i)^/s(/|$)(.*)' '/x/\\2' if { var(txn.route) -m str r0 }");
  const q = modelOf(ingress('rw', 'foo.com', [['/s(.*)', 'ImplementationSpecific', 'a']], { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/x?from=$1' } }));
  const r = render(q);
  assert.not.match(cfgOf(r), 'replace-path');
  assert.ok(r.findings.some((f) => f.ruleId === 'target-unsupported' && f.severity === 'warning' && /query string/.test(f.message)));
});

// A model built by hand, as a buggy or malicious producer could: nothing of it may reach the config unchecked.
const origin: Origin = { kind: 'Ingress', namespace: 'default', name: 'evil', file: 'evil.yaml', line: 7, column: 3, field: 'spec.rules[0].http.paths[0]' };
const ok: Upstream = { kind: 'endpoints', endpoints: [{ ip: '10.0.0.1', port: 80 }], source: 'override' };
const route = (match: Omit<PathMatch, 'pathType'>, upstream: Upstream = ok, service = 'svc'): Route => ({
  id: match.value,
  match: { ...match, pathType: match.kind === 'Regex' || match.kind === 'StringPrefix' ? 'ImplementationSpecific' : match.kind },
  backend: { namespace: 'default', service, port: 80, protocol: 'http', upstream },
  policy: defaultPolicy(),
  origin,
});

test('hostile hosts, paths and upstreams are refused with findings, never written', () => {
  const model: RouteModel = {
    hosts: [
      { host: 'evil.com\n  bind :1', kind: 'exact', routes: [route({ kind: 'Prefix', value: '/' })] },
      { host: '*.a.b c', kind: 'wildcard', routes: [route({ kind: 'Prefix', value: '/' })] },
      {
        host: 'ok.com',
        kind: 'exact',
        routes: [
          route({ kind: 'Exact', value: "/x' #y" }),
          route({ kind: 'Prefix', value: '/p\nuse_backend x' }),
          route({ kind: 'Regex', value: '/a\nb' }),
          route({ kind: 'Regex', value: '/(?=look)' }),
          route({ kind: 'Prefix', value: '/ip' }, { kind: 'endpoints', endpoints: [{ ip: '10.0.0.1 backup', port: 80 }], source: 'override' }, 'ip'),
          route({ kind: 'Prefix', value: '/dns' }, { kind: 'dns', host: '$HOME', port: 80 }, 'dns'),
          route({ kind: 'Prefix', value: '/name' }, ok, 'Svc With Space'),
          route({ kind: 'Prefix', value: '/fine' }),
        ],
      },
    ],
    findings: [],
  };
  const r = render(model);
  const cfg = cfgOf(r);
  for (const bad of ['evil', 'bind :1', 'a.b c', "x'", '#y', 'use_backend x', 'look', 'backup', '$HOME', 'Space']) assert.not.match(cfg.split('\n').filter((l) => !l.trim().startsWith('#')).join('\n'), bad, bad);
  assert.match(cfg, '-m beg /fine/');
  const errors = r.findings.filter((f) => f.severity === 'error');
  assert.is(errors.length, 8);
  for (const f of errors) {
    assert.is(f.ruleId, 'target-unsafe-value');
    assert.equal([f.file, f.line, f.path], ['evil.yaml', 7, 'spec.rules[0].http.paths[0]']);
  }
  assert.match(cfg, /backend default_ip_80\n(  #.*\n)+  http-request return status 503/);
  assert.match(cfg, /backend default_svc-with-space_80\n/);
});

/** the certificate of a Secret's YAML (tls.crt, base64) */
function certOf(secretYaml: string): string {
  return Buffer.from(/tls\.crt: (\S+)/.exec(secretYaml)![1], 'base64').toString().trimEnd();
}

function cafeSecret(): string {
  return '---\n' + readFileSync(join(ROOT, 'fixtures/cafe/cafe-secret.yaml'), 'utf8');
}


test('many rewrite-target routes: the path is kept for the others in lines of at most 64 words (the runtime injection run found a line of 86)', () => {
  const yaml = Array.from({ length: 90 }, (_, i) => ingress(`rw${i}`, `h${i}.example.com`, [['/a(.*)', 'ImplementationSpecific', 'app']], { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/b/$1' } })).join('');
  const r = render(modelOf(yaml));
  const lines = directives(r);
  assert.ok(lines.every((l) => l.split(/\s+/).length <= 64));
  assert.ok(lines.some((l) => l.startsWith('http-request set-var(txn.rewrite) bool(true) if')));
  assert.ok(lines.includes('http-request set-pathq %[var(txn.rawpathq)] unless { var(txn.rewrite) -m bool }'));
  assert.is(lines.filter((l) => l.startsWith('http-request replace-path')).length, 90);
});

test('the frontend is made as the file is written: pieces of about 64 KB, the same text at every read', () => {
  // 300 hosts × 3 paths: a frontend of several pieces
  const yaml = Array.from({ length: 300 }, (_, i) => ingress(`app${i}`, `h${i}.example.com`, [['/a', 'Prefix', 'a'], ['/b', 'Exact', 'b'], ['/', 'Prefix', 'root']])).join('');
  const r = render(modelOf(yaml));
  const f = file(r, 'haproxy.cfg')!;
  const pieces: string[] = [];
  f.produce!((text) => pieces.push(text));
  assert.ok(pieces.length > 1, `${pieces.length} piece(s)`);
  assert.ok(pieces.every((p) => p.length < (1 << 16) + 4096), 'a piece far above 64 KB');
  assert.is(pieces.join(''), f.content);
  assert.is(f.content, f.content);
  assert.is(directives(r).filter((l) => l.startsWith('http-request set-var(txn.route)')).length, 900);
});

test('route comments: one per run of routes from the same Ingress to the same backend, per virtual host', () => {
  const yaml =
    // model order: longest path first
    ingress('shop', 'shop.example.com', [['/aaaa', 'Prefix', 'web'], ['/bbb', 'Prefix', 'web'], ['/cc', 'Prefix', 'api'], ['/dd', 'Prefix', 'web']]) +
    ingress('more', 'shop.example.com', [['/e', 'Prefix', 'web']]) +
    ingress('other', 'other.example.com', [['/a', 'Prefix', 'web']]);
  const lines = cfgOf(render(modelOf(yaml))).split('\n').map((l) => l.trim());
  const from = lines.findIndex((l) => l.startsWith('# routes of the virtual host'));
  const to = lines.findIndex((l, i) => i > from && l === '');
  const routes = lines.slice(from + 1, to).map((l) => (l.startsWith('#') ? l : l.replace(/ if .*/, '')));
  assert.equal(routes, [
    '# v0 other.example.com',
    '# Ingress default/other -> default/web:80',
    'http-request set-var(txn.route) str(r0)',
    '# v1 shop.example.com',
    '# Ingress default/shop -> default/web:80',
    'http-request set-var(txn.route) str(r1)',
    'http-request set-var(txn.route) str(r2)',
    '# Ingress default/shop -> default/api:80',
    'http-request set-var(txn.route) str(r3)',
    '# Ingress default/shop -> default/web:80',
    'http-request set-var(txn.route) str(r4)',
    '# Ingress default/more -> default/web:80',
    'http-request set-var(txn.route) str(r5)',
  ]);
});

test.run();
