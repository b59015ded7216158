// renderHaproxy and the annotation set: the golden render of the annotation fixture
// (haproxy -c accepts it), findings at the annotation's own line, password formats as the
// support matrix says, and hostile policies that never reach haproxy.cfg unchecked.
// Behaviour on a real HAProxy: test/e2e/haproxy-annotations.test.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHaproxy } from '../../src/emit/haproxy/render.js';
import type { EmitOptions } from '../../src/emit/types.js';
import { loadInputs } from '../../src/load/index.js';
import { defaultPolicy, type HashFormat, type RoutePolicy } from '../../src/model/policy.js';
import { resolve } from '../../src/model/resolve.js';
import type { RouteFilters, RouteModel } from '../../src/model/types.js';
import { fixedRedirect } from '../../src/model/redirect.js';
import { HASHES } from '../../src/support/matrix.js';
import { checkRendered, haproxyTest } from '../e2e/haproxy-engine.js';
import { matchGolden } from '../golden.js';
import { cli, ingress, modelOf, ROOT } from '../helpers.js';

const OPTIONS: EmitOptions = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };
const FIXTURE = 'test/envoy/fixtures/annotations';
const withHaproxy = haproxyTest(); // skipped without HAProxy, failed under INGRESSCTL_REQUIRE_ENGINES=1

const render = () => renderHaproxy(resolve(loadInputs([FIXTURE]).documents), OPTIONS);
const cfgOf = (r: ReturnType<typeof render>) => r.files.find((f) => f.path === 'haproxy.cfg')!.content;

test('the annotation fixture renders as test/golden/haproxy/annotations/haproxy.cfg, byte-identical in any input order', () => {
  const cfg = cfgOf(render());
  matchGolden(cfg, join(ROOT, 'test/golden/haproxy/annotations/haproxy.cfg'), 'emit/haproxy-annotations');
  assert.is(cfgOf(renderHaproxy(resolve(loadInputs([FIXTURE]).documents.reverse()), OPTIONS)), cfg);
});

withHaproxy('haproxy -c accepts the render of every annotation, without alerts', () => {
  const r = checkRendered(render());
  assert.is(r.code, 0, r.output);
  assert.not.match(r.output, 'ALERT');
});

test('findings name the annotation\'s own file:line', () => {
  const { findings } = render();
  const file = `${FIXTURE}/ingresses.yaml`;
  const at = (re: RegExp) => findings.filter((f) => re.test(f.message)).map((f) => [f.ruleId, f.file, f.line, f.path]);
  assert.equal(at(/checks crypt\(3\)/), [['target-unsupported', file, 307, 'metadata.annotations[nginx.ingress.kubernetes.io/auth-secret]']]);
  assert.equal(at(/^haproxy: limit-rps 1/), [['target-approximate', file, 495, 'metadata.annotations[nginx.ingress.kubernetes.io/limit-rps]']]);
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  assert.match(lines[306], 'nginx.ingress.kubernetes.io/auth-secret:');
  assert.match(lines[494], 'nginx.ingress.kubernetes.io/limit-rps:');
});

test('the users HAProxy can check are exactly the formats the support matrix marks for it', () => {
  const sample: Record<HashFormat, string> = {
    apr1: '$apr1$abcdefgh$h9FWgUz3n9YxylKLlR5SQ/',
    'md5-crypt': '$1$erinsalt$.NKQEemjAnBemnhxO8kSk/',
    'sha256-crypt': `$5$saltsalt$${'a'.repeat(43)}`,
    'sha512-crypt': `$6$saltsalt$${'a'.repeat(86)}`,
    bcrypt: `$2y$05$${'a'.repeat(53)}`,
    'des-crypt': 'abJnggxhB/yWI',
    sha1: '{SHA}hsAaMBat8aKiQgxhKhAqvbXOPbw=',
    ssha: '{SSHA}aGVsbG8gd29ybGQgc2FsdA==',
    plain: '{PLAIN}pw',
  };
  const users = (Object.keys(sample) as HashFormat[]).map((format) => ({ name: `u-${format}`, format, hash: sample[format] }));
  const cfg = cfgOf(renderHaproxy(oneRoute({ basicAuth: { realm: 'r', secret: { namespace: 'default', name: 'users' }, users, origin } }), OPTIONS));
  for (const u of users) assert.is(cfg.includes(`user ${u.name} `), HASHES[u.format].haproxy, u.format);
});

// Policies built by hand, as a buggy or hostile producer could.
const origin = { kind: 'Ingress', namespace: 'default', name: 'evil', file: 'evil.yaml', line: 3, column: 1, field: 'spec' };
function oneRoute({ filters, ...policy }: Hostile): RouteModel {
  return {
    hosts: [{ host: 'evil.com', kind: 'exact', routes: [{ id: 'evil.com/ (Prefix)', match: { kind: 'Prefix', value: '/', pathType: 'Prefix' }, backend: { namespace: 'default', service: 'svc', port: 80, protocol: 'http', upstream: { kind: 'endpoints', endpoints: [{ ip: '10.0.0.1', port: 80 }], source: 'override' } }, policy: { ...defaultPolicy(), ...policy }, origin, ...(filters ? { filters } : {}) }] }],
    findings: [],
  };
}

type Hostile = Partial<RoutePolicy> & { filters?: RouteFilters };
const HOSTILE: [string, Hostile][] = [
  ['redirect URL with a newline', { filters: { redirect: fixedRedirect('https://x.com/\n  use_backend evil', 301, 'permanent-redirect') } }],
  ['upstream-vhost with CR LF', { upstreamHost: 'a.com\r\nx-evil: 1' }],
  ['x-forwarded-prefix with a sample fetch', { forwardedPrefix: '/%[req.hdr(authorization)]' }],
  ['CORS methods with a quote and a newline', { cors: { origins: '*', methods: "GET' \n  use_backend evil", headers: 'X', exposeHeaders: '', credentials: false, maxAge: 1 } }],
  ['a realm with a quote', { basicAuth: { realm: 'a" evil="1', secret: { namespace: 'default', name: 'u' }, users: [{ name: "o'brien #x", format: 'plain', hash: "{PLAIN}p w'#" }], origin } }],
  ['a cookie name and path that would add attributes', { affinity: { cookieName: 'a; Domain=evil.com', path: '/x; Domain=evil.com' } }],
];

withHaproxy('hostile policy values: refused with a finding, or written as one exact word; haproxy -c accepts every render', () => {
  for (const [what, policy] of HOSTILE) {
    const r = renderHaproxy(oneRoute(policy), OPTIONS);
    const cfg = cfgOf(r);
    assert.not.match(cfg, /^\s*use_backend evil|x-evil|Domain=evil|%\[req\.hdr\(authorization\)\]/m, what);
    const c = checkRendered(r);
    assert.is(c.code, 0, `${what}: ${c.output}`);
    if (what !== 'a realm with a quote') assert.ok(r.findings.some((f) => f.ruleId === 'target-unsafe-value'), what);
  }
  // a user name and password with quote and "#" are single words of the userlist
  const auth = cfgOf(renderHaproxy(oneRoute(HOSTILE[4][1]), OPTIONS));
  assert.match(auth, `user 'o'\\''brien #x' insecure-password 'p w'\\''#'`);
});

test('password hashes stay in the bundle (haproxy.cfg mode 0600) and out of what render prints', async () => {
  const r = render();
  assert.is(r.files.find((f) => f.path === 'haproxy.cfg')!.mode, 0o600);
  assert.match(cfgOf(r), 'insecure-password dave-pw');
  const printed = await cli(['render', '--target', 'haproxy', FIXTURE]);
  assert.match(printed.stdout, 'userlist auth_default_staff-users');
  assert.not.match(printed.stdout, /\$6\$|dave-pw|\buser alice\b/);
  assert.match(printed.stderr, 'password hashes are not printed');
  // without basic auth the file is an ordinary one
  assert.is(renderHaproxy(modelOf(ingress('a', 'a.test', [['/', 'Prefix', 'svc']])), OPTIONS).files[0].mode, undefined);
});

withHaproxy('an Ingress of 150 paths with every kind of rule: id lists split, no line over 64 words, haproxy -c without alerts', () => {
  const A = 'nginx.ingress.kubernetes.io/';
  const paths = Array.from({ length: 150 }, (_, i) => [`/p${i}`, 'Prefix', 'svc'] as [string, string, string]);
  const annotations = { [`${A}enable-cors`]: 'true', [`${A}cors-allow-origin`]: 'https://a.test', [`${A}limit-rps`]: '5', [`${A}limit-connections`]: '3', [`${A}allowlist-source-range`]: '10.0.0.0/8', [`${A}denylist-source-range`]: '10.1.0.0/16', [`${A}x-forwarded-prefix`]: '/p', [`${A}upstream-vhost`]: 'in.test', [`${A}permanent-redirect`]: 'https://b.test/' };
  const r = renderHaproxy(modelOf(ingress('many', 'many.test', paths, { annotations })), OPTIONS);
  assert.ok(cfgOf(r).split('\n').filter((l) => l.includes('http-after-response set-header access-control-allow-methods')).length >= 4);
  const c = checkRendered(r);
  assert.is(c.code, 0, c.output);
  assert.not.match(c.output, 'ALERT');
});

test('--compat ingress-nginx: a plain string prefix is path -m beg', () => {
  const r = renderHaproxy(modelOf(ingress('a', 'a.test', [['/foo', 'ImplementationSpecific', 'svc']]), { compat: 'ingress-nginx' }), OPTIONS);
  assert.match(r.files[0].content, /path -m beg \/foo/);
});

test.run();
