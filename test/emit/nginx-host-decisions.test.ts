// What a server block needs, decided once per host (src/emit/nginx/host-decisions.ts), and
// the locations of a host taken once each, whichever way locations.ts finds one taken twice
// (by comparing on a small host, through sets on a large one).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderNginx } from '../../src/emit/nginx/render.js';
import { ingress, modelOf } from '../helpers.js';

const OPTIONS = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };
const A = 'nginx.ingress.kubernetes.io/';
const tlsSecret = '---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/tls\ndata: {tls.crt: "", tls.key: ""}\n';

/** The text of the server blocks whose comment starts with `# host HOST` (both, when plain HTTP has its own). */
function servers(conf: string, host: string): string[] {
  return conf.split(/\n(?=    # )/).filter((s) => s.startsWith(`    # host ${host}`));
}

for (const [label, extra] of [['a host of 2 routes', 0], ['a host of 22 routes', 20]] as const) {
  test(`${label}: a location two routes claim is written once, for the route the model prefers`, () => {
    const more: [string, string, string][] = Array.from({ length: extra }, (_, i) => [`/p${i}`, 'Prefix', 'other']);
    const yaml = ingress('dup', 'd.test', [['/a', 'Prefix', 'prefix'], ['/a', 'Exact', 'exact'], ...more]);
    const conf = renderNginx(modelOf(yaml), OPTIONS).files[0].content;
    const [server] = servers(conf, 'd.test');
    assert.ok(server, conf.slice(0, 400));
    assert.is(server.match(/location = "\/a" \{/g)?.length, 1);
    assert.is(server.match(/location \^~ "\/a\/" \{/g)?.length, 1);
    // the Exact route takes /a itself; the Prefix route everything below
    assert.match(server, /# d\.test\/a \(Exact\)[^\n]*\n\s+location = "\/a" \{\n\s+set \$ingressctl_upstream "exact\.default\.svc\.cluster\.local:80";/);
    assert.match(server, /location \^~ "\/a\/" \{\n\s+set \$ingressctl_upstream "prefix\.default\.svc\.cluster\.local:80";/);
    assert.is(server.match(/location /g)!.length, 2 + 2 * extra + 1, 'each route\'s places, and "/"');
  });
}

test('plain HTTP gets a server of its own when some route redirects; when every route does, one location answers for all of them', () => {
  const yaml =
    ingress('all', 'all.test', [['/a', 'Prefix', 'app'], ['/b', 'Exact', 'app']], { tls: 's' }) +
    ingress('some', 'some.test', [['/a', 'Prefix', 'app']], { tls: 's' }) +
    ingress('some-plain', 'some.test', [['/b', 'Prefix', 'app']], { tls: 's', annotations: { [A + 'ssl-redirect']: 'false' } }) +
    ingress('none', 'none.test', [['/a', 'Prefix', 'app']]) +
    tlsSecret;
  const conf = renderNginx(modelOf(yaml), OPTIONS).files[0].content;
  const [allHttp, allHttps] = servers(conf, 'all.test');
  assert.match(allHttp, /^    # host all\.test, plain HTTP/);
  assert.match(allHttps, /^    # host all\.test, HTTPS/);
  assert.match(allHttp, /# a path any route matches: 2 route\(s\)\n\s+location ~ "[^"]+" \{\n\s+return 308 https:\/\/\$host\$request_uri;/);
  assert.is(allHttp.match(/location /g)!.length, 2, 'the union of the routes, and "/"');
  // one route redirects, the other does not: each has its own locations on plain HTTP
  const [someHttp] = servers(conf, 'some.test');
  assert.match(someHttp, /plain HTTP/);
  assert.match(someHttp, /location \^~ "\/a\/" \{\n\s+return 308/);
  assert.match(someHttp, /location \^~ "\/b\/" \{\n(?!\s+return 308)/);
  // no TLS: one server for both listeners
  const none = servers(conf, 'none.test');
  assert.is(none.length, 1);
  assert.match(none[0], /listen 80;\n\s+listen 443 ssl http2;/);
});

test.run();
