// Backends and policies in nginx.conf: upstream blocks for endpoints, protocols, per-route limits.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderNginx } from '../../src/emit/nginx/render.js';
import { ingress, modelOf } from '../helpers.js';
import { NGINX, nginxAccepts } from '../e2e/nginx-engine.js';
import { testNeeding } from '../needs.js';

const OPTIONS = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };
const upstreams = new Map([
  ['default/a', { host: '10.0.0.1', port: 8080 }],
  ['default/v6', { host: '::1', port: 9090 }],
]);

const yaml =
  ingress('plain', 'foo.com', [['/a', 'Prefix', 'a'], ['/b', 'Exact', 'a'], ['/v6', 'Prefix', 'v6']]) +
  ingress('grpc', 'grpc.com', [['/', 'Prefix', 'g']], { annotations: { 'nginx.ingress.kubernetes.io/backend-protocol': 'GRPC' } }) +
  ingress('tls-up', 'up.com', [['/', 'Prefix', 's']], { annotations: { 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS', 'nginx.ingress.kubernetes.io/proxy-body-size': '8m', 'nginx.ingress.kubernetes.io/proxy-read-timeout': '120' } });
const result = renderNginx(modelOf(yaml, { upstreams }), OPTIONS);
const conf = result.files[0].content;

test('endpoints become one upstream block per backend, with keep-alive', () => {
  assert.match(conf, /upstream default\.a\.80 \{\n\s+server 10\.0\.0\.1:8080;\n\s+keepalive 32;\n\s+\}/);
  assert.match(conf, /server \[::1\]:9090;/);
  assert.is(conf.match(/upstream default\.a\.80 /g)!.length, 1);
  assert.is(conf.match(/proxy_pass http:\/\/default\.a\.80;/g)!.length, 3, '= /a, ^~ /a/ and = /b');
});

test('backend protocols: gRPC via grpc_pass, HTTPS with SNI to the upstream', () => {
  assert.match(conf, /grpc_pass grpc:\/\/\$ingressctl_upstream;/);
  assert.match(conf, /grpc_set_header Host \$http_host;/);
  assert.match(conf, /proxy_pass https:\/\/\$ingressctl_upstream;\n\s+proxy_ssl_server_name on;/);
});

test('per-route limits appear where they differ from the defaults', () => {
  assert.match(conf, /client_max_body_size 8m;\n\s+proxy_read_timeout 120s;/);
  assert.is(conf.match(/client_max_body_size/g)!.length, 2, 'the http-level default and the one route');
});

testNeeding(test, 'nginx', !!NGINX, 'nginx -t accepts it', () => {
  const check = nginxAccepts(result.files);
  assert.ok(check.ok, check.output);
});

const longHost = () => renderNginx(modelOf(ingress('long', ['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'com'].join('.'), [['/', 'Prefix', 'a']])), OPTIONS).files;

test('long host names fit nginx\'s server-name hash', () => {
  assert.match(longHost()[0].content, /server_names_hash_bucket_size 256;/);
});

testNeeding(test, 'nginx', !!NGINX, 'nginx -t accepts long host names without a warning', () => {
  const files = longHost();
  const check = nginxAccepts(files);
  assert.ok(check.ok, check.output);
  assert.not.match(check.output, /\[warn\]/);
});

test.run();

test('a backend used again after hundreds of others gets the same proxy directives (the kept bodies are bounded)', () => {
  const filler = Array.from({ length: 300 }, (_, i) => ingress(`f${i}`, `h${String(i).padStart(3, '0')}.com`, [['/', 'Prefix', `svc${i}`]])).join('');
  const many = ingress('first', 'a.com', [['/x', 'Prefix', 'common']]) + filler + ingress('last', 'zz.com', [['/x', 'Prefix', 'common']]);
  const out = renderNginx(modelOf(many), OPTIONS).files[0].content!;
  const body = (host: string) => {
    const server = out.slice(out.indexOf(`server_name "${host}";`));
    return server.slice(server.indexOf('location = "/x" {'), server.indexOf('}', server.indexOf('location = "/x" {')));
  };
  assert.match(body('a.com'), /set \$ingressctl_upstream "common\.default\.svc\.cluster\.local:80";\n\s+proxy_pass http:\/\/\$ingressctl_upstream;/);
  assert.is(body('zz.com'), body('a.com'));
  assert.match(out, /"svc299\.default\.svc\.cluster\.local:80"/);
});
