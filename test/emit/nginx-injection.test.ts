// Nothing from a manifest reaches nginx.conf unchecked: hostile hosts, paths, names and
// annotation values are refused by the model or the emitter, or written as quoted text.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderNginx } from '../../src/emit/nginx/render.js';
import { join as joinArg, quote, serializeArg, text, word, type Arg } from '../../src/emit/nginx/quote.js';
import { serialize, block } from '../../src/emit/nginx/config.js';
import type { RouteModel } from '../../src/model/types.js';
import { ingress, modelOf } from '../helpers.js';
import { join } from 'node:path';
import { writeBundle } from '../../src/emit/bundle.js';
import { NGINX, nginxCheck, removeScratch, scratch } from '../e2e/nginx-engine.js';

const OPTIONS = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };
const conf = (m: RouteModel) => renderNginx(m, OPTIONS).files[0].content;
const regexIngress = (path: string) => ingress('r', 'foo.com', [[path, 'ImplementationSpecific', 'a']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } });

/** The directives of nginx.conf as its lexer splits them: quoted strings kept whole. */
function tokens(config: string): string[] {
  return config.replace(/^\s*#.*$/gm, '').match(/"(?:\\.|[^"\\])*"|[^\s;{}"]+|[;{}]/g) ?? [];
}

test('quote escapes the two characters nginx reads inside double quotes', () => {
  assert.is(quote('a"b\\c'), '"a\\"b\\\\c"');
  assert.is(arg('location', [word('='), text('/a;b{c}#d')], 1), '"/a;b{c}#d"');
});

const arg = (name: string, args: Arg[], i: number) => serializeArg(name, args, i);

test('the directive and position decide what a "$" of input text means, never the caller', () => {
  // nginx reads no variables in location, server_name, regexes, or a map's source values
  assert.is(arg('location', [word('='), text('/a$host')], 1), '"/a$host"');
  assert.is(arg('location', [word('~'), text('^/a$')], 1), '"^/a$"');
  assert.is(arg('server_name', [text('a$b')], 0), '"a$b"');
  assert.is(arg('map:', [text('~^a$'), word('1')], 0), '"~^a$"');
  // it expands them in map values, add_header / proxy_set_header values, return, set, proxy_pass
  assert.is(arg('map:', [word('default'), text('Path=/y$host')], 1), '"Path=/y${ingressctl_dollar}host"');
  assert.is(arg('add_header', [word('X-A'), text('$uri')], 1), '"${ingressctl_dollar}uri"');
  assert.is(arg('proxy_set_header', [word('X-Forwarded-Prefix'), text('/p$host')], 1), '"/p${ingressctl_dollar}host"');
  assert.is(arg('return', [word('302'), text('https://a/$uri')], 1), '"https://a/${ingressctl_dollar}uri"');
  assert.is(arg('set', [word('$v'), text('$x')], 1), '"${ingressctl_dollar}x"');
  // rewrite's replacement keeps the captures $1…$9, nothing else
  assert.is(arg('rewrite', [text('^/a(.*)'), text('/x/$1$host'), word('break')], 1), '"/x/$1${ingressctl_dollar}host"');
  assert.is(arg('rewrite', [text('^/a(.*)$'), text('/x'), word('break')], 0), '"^/a(.*)$"');
  // emitter words keep their variables; a joined token escapes only its text
  assert.is(arg('map:', [word('default'), joinArg(text('C=$x'), '$request_id', text('; Path=/$uri'))], 1), '"C=${ingressctl_dollar}x$request_id; Path=/${ingressctl_dollar}uri"');
  // a directive the table does not name takes no input text at all
  assert.throws(() => arg('proxy_cookie_path', [text('/a'), text('/b')], 0), /EXPANSION/);
});

test('control and non-ASCII characters are never written', () => {
  for (const bad of ['a\nb', 'a\rb', 'a\u0000', 'caf\u00e9', 'a\tb']) assert.throws(() => arg('location', [text(bad)], 0), /control or non-ASCII/, JSON.stringify(bad));
  assert.throws(() => word('a b'), /not a plain nginx word/);
  assert.throws(() => word('a;'), /not a plain nginx word/);
});

test('comments stay on one line', () => {
  const out = serialize([block('server', [], [], 'x\n} server { listen 1;')]);
  assert.is(out.split('\n').filter((l) => l.includes('listen')).length, 1);
  assert.match(out, /^# x\?\} server/);
});

test('hostile Prefix paths are refused by the model or written as one quoted token', () => {
  const m = modelOf(ingress('p', 'foo.com', [['/a;b', 'Prefix', 'a'], ["/q'$x", 'Exact', 'b'], ['/x{y}', 'Prefix', 'c'], ['/x"y', 'Prefix', 'd'], ['/x y', 'Prefix', 'e'], ['/x\ny', 'Prefix', 'f']]));
  const c = conf(m);
  assert.ok(tokens(c).includes('"/a;b"'));
  assert.ok(tokens(c).includes('"/a;b/"'));
  assert.ok(tokens(c).includes('"/q\'$x"'));
  for (const bad of ['{y}', 'x"y', 'x y', 'x\ny']) assert.not.ok(c.includes(bad), bad);
  assert.is(m.findings.filter((f) => f.ruleId === 'invalid-path').length, 4);
});

test('hostile regex paths are quoted whole: the location count is the route count', () => {
  const hostile = ['/a";return 200 x;#', '/b{2}"}location/{', '/c\\";', '/d$host'];
  const m = modelOf(hostile.map((p, i) => regexIngress(p).replace('name: r', `name: r${i}`)).join(''));
  const c = conf(m);
  const routes = m.hosts.flatMap((v) => v.routes).length;
  assert.ok(routes >= 3, `${routes} routes kept`);
  const locations = tokens(c).filter((t) => t === 'location').length;
  assert.is(locations, routes + 2, 'one location per route, plus the fallbacks of foo.com and the default server');
  assert.not.match(c, /return 200 x/);
  assert.equal(tokens(c).filter((t, i, all) => all[i - 1] === 'return'), ['400', '404', '400', '400', '404']);
  if (NGINX) {
    const dir = scratch();
    try {
      writeBundle(join(dir, 'b'), renderNginx(m, OPTIONS).files);
      const check = nginxCheck(join(dir, 'b'));
      assert.ok(check.ok, check.output);
    } finally {
      removeScratch(dir);
    }
  }
});

test('hostile hosts never reach server_name', () => {
  const m = modelOf(ingress('h', 'evil.com;listen', [['/', 'Prefix', 'a']]) + ingress('i', 'a.com"b', [['/', 'Prefix', 'a']]));
  assert.is(m.hosts.length, 0);
  assert.not.match(conf(m), /evil|a\.com/);
});

test('annotation values cannot smuggle directives', () => {
  const m = modelOf(regexIngress('/s(.*)').replace('use-regex: "true"', 'use-regex: "true"\n    nginx.ingress.kubernetes.io/rewrite-target: "/$1;return 302 x"\n    nginx.ingress.kubernetes.io/proxy-read-timeout: "5s;x"'));
  const c = conf(m);
  assert.not.match(c, /302|;x/);
  assert.not.match(c, /rewrite/);
  assert.ok(m.findings.filter((f) => f.ruleId === 'annotation-value').length >= 2);
});

test('values that bypass the model are refused by the emitter with a finding', () => {
  const m = modelOf(ingress('a', 'foo.com', [['/x', 'Prefix', 'svc'], ['/y', 'Prefix', 'svc2']], { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/ok' } }));
  const [x, y] = m.hosts[0].routes;
  x.backend = { ...x.backend, upstream: { kind: 'dns', host: 'evil;} server { listen 1', port: 80 } };
  y.filters = { rewrite: { path: { type: 'RegexRewrite', value: '/$host' } } };
  m.hosts[0].tls = { secretNamespace: 'default', secretName: '../../etc/x', usable: true, origin: x.origin };
  Object.defineProperty(m.hosts[0].tls, 'certPem', { value: 'CERT' });
  Object.defineProperty(m.hosts[0].tls, 'keyPem', { value: 'KEY' });
  const r = renderNginx(m, OPTIONS);
  const c = r.files[0].content;
  assert.not.match(c, /evil|\$host"|\.\.\//);
  assert.match(c, /return 502/);
  assert.is(r.files.filter((f) => f.path.includes('..')).length, 0);
  assert.is(r.findings.filter((f) => f.ruleId === 'target-unsafe-value' && f.severity === 'error').length, 3);
});

test('private keys are never in nginx.conf', () => {
  const c = conf(modelOf(ingress('a', 'foo.com', [['/', 'Prefix', 'a']], { tls: 'missing' })));
  assert.not.match(c, /PRIVATE KEY/);
});

test.run();
