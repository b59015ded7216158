// The nginx emitter and the annotation set: values that bypass the model are refused (the
// route closes), snippets only with --allow-snippets and only whole, auth files written.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderNginx } from '../../src/emit/nginx/render.js';
import { snippetProblem } from '../../src/emit/nginx/snippets.js';
import { parseText } from '../../src/load/parse.js';
import { resolve } from '../../src/model/resolve.js';
import type { RouteModel } from '../../src/model/types.js';
import { fixedRedirect } from '../../src/model/redirect.js';
import { cli, ingress, modelOf } from '../helpers.js';
import { NGINX, nginxAccepts } from '../e2e/nginx-engine.js';
import { testNeeding } from '../needs.js';

const OPTIONS = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };
const A = 'nginx.ingress.kubernetes.io/';
const conf = (m: RouteModel) => renderNginx(m, OPTIONS).files[0].content;

test('redirect URLs that bypass the model are refused by the plan: the route answers 503, with a finding at the annotation', () => {
  const m = modelOf(ingress('a', 'foo.com', [['/x', 'Prefix', 'svc']], { annotations: { [`${A}permanent-redirect`]: 'https://ok.example/' } }));
  const r0 = m.hosts[0].routes[0];
  assert.match(conf(m), /return 301 "https:\/\/ok\.example\/";/);
  for (const bad of ['https://x/"; return 200 "pwned', 'https://x/$host', 'https://x/\nreturn 200 pwned;']) {
    r0.filters = { redirect: fixedRedirect(bad, 301, 'permanent-redirect') };
    const r = renderNginx(m, OPTIONS);
    assert.not.match(r.files[0].content, /pwned|https:\/\/x\//);
    assert.match(r.files[0].content, /return 503;/);
    assert.ok(r.findings.some((f) => f.ruleId === 'target-unsafe-value' && f.file === 'test.yaml' && f.path?.includes('permanent-redirect')), bad);
  }
});

const everyAnnotation = () => {
  const yaml = [
    ingress('a', 'a.test', [['/', 'Prefix', 'svc']], { annotations: { [`${A}enable-cors`]: 'true', [`${A}limit-rps`]: '3', [`${A}limit-connections`]: '2', [`${A}allowlist-source-range`]: '10.0.0.0/8,fd00::/8', [`${A}denylist-source-range`]: '10.1.0.0/16', [`${A}x-forwarded-prefix`]: '/a', [`${A}upstream-vhost`]: 'in.test', [`${A}affinity`]: 'cookie', [`${A}app-root`]: '/home', [`${A}from-to-www-redirect`]: 'true', [`${A}backend-protocol`]: 'GRPC' } }),
    ingress('b', 'b.test', [['/', 'Prefix', 'svc']], { annotations: { [`${A}temporal-redirect`]: 'https://m.test/', [`${A}temporal-redirect-code`]: '307', [`${A}auth-type`]: 'basic', [`${A}auth-secret`]: 'u', [`${A}auth-realm`]: 'R "x"' } }),
    ingress('c', 'b.test', [['/', 'Prefix', 'svc2']], { annotations: { [`${A}canary`]: 'true', [`${A}canary-weight`]: '1', [`${A}canary-weight-total`]: '3', [`${A}canary-by-header`]: 'X-V', [`${A}canary-by-header-pattern`]: '^v[0-9]{2}$' } }),
    '---\napiVersion: v1\nkind: Secret\nmetadata: {name: u}\nstringData: {auth: "alice:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=\\n"}\n',
  ].join('');
  return renderNginx(modelOf(yaml), OPTIONS);
};

test('every annotation of the set renders', () => {
  const r = everyAnnotation();
  const c = r.files[0].content;
  assert.match(c, /limit_req zone=ingressctl_rps\.default\.a burst=15 nodelay;/);
  assert.match(c, /deny 10\.1\.0\.0\/16;\n\s+allow 10\.0\.0\.0\/8;\n\s+allow fd00::\/8;\n\s+deny all;/);
  assert.match(c, /return 307 "https:\/\/m\.test\/";/);
  assert.match(c, /grpc_set_header Host "in\.test";/);
  assert.match(c, /server_name "www\.a\.test";/);
  assert.match(c, /"33\.33%" canary;/);
  assert.ok(r.findings.some((f) => f.ruleId === 'target-approximate' && /33\.33%/.test(f.message)));
  // the realm with quotes was refused by the model: auth without a realm
  assert.match(c, /auth_basic "";\n\s+auth_basic_user_file "auth\/default_u\.htpasswd";/);
  const auth = r.files.find((f) => f.path === 'auth/default_u.htpasswd')!;
  assert.equal([auth.content, auth.mode], ['alice:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=\n', 0o644]);
});

testNeeding(test, 'nginx', !!NGINX, 'nginx -t accepts the render of every annotation of the set', () => {
  const check = nginxAccepts(everyAnnotation().files);
  assert.ok(check.ok, check.output);
});

test('snippets: whole statements with balanced braces only', () => {
  assert.is(snippetProblem('more_set_headers "X: y";\nif ($a) { return 403; }'), undefined);
  assert.is(snippetProblem('add_header X "}";  # }'), undefined);
  assert.match(snippetProblem('return 200; }\nlocation /x { return 200')!, 'closes a block');
  assert.match(snippetProblem('return 200')!, 'does not end with');
  assert.match(snippetProblem('add_header X "a;')!, 'not closed');
  assert.match(snippetProblem('if ($a) {')!, 'not closed');
  assert.match(snippetProblem('return 200;\u0000')!, 'control');
});

test('--allow-snippets copies configuration- and server-snippets for nginx only, each in its own block, with a warning', async () => {
  const yaml = ingress('s', 'snip.test', [['/', 'Prefix', 'svc']], { annotations: { [`${A}configuration-snippet`]: 'add_header X-Snippet one;', [`${A}server-snippet`]: 'location = /snippet { return 200 "s\\n"; }', [`${A}stream-snippet`]: 'server { listen 1; }' } });
  const off = await cli(['render', '-'], yaml);
  assert.not.match(off.stdout, /X-Snippet|\/snippet/);
  const on = await cli(['render', '-', '--allow-snippets'], yaml);
  assert.match(on.stdout, /# BEGIN configuration-snippet of Ingress default\/s \(--allow-snippets\)\n\s+add_header X-Snippet one;\n\s+# END snippet/);
  assert.match(on.stdout, /# BEGIN server-snippet of Ingress default\/s/);
  assert.not.match(on.stdout, /listen 1;/);
  assert.match(on.stderr, /configuration-snippet is copied into nginx\.conf as it is/);
  assert.match(on.stderr, /stream-snippet is not copied even with --allow-snippets/);
  assert.is((await cli(['render', '-', '--allow-snippets', '--target', 'envoy'], yaml)).code, 2);
  const broken = await cli(['render', '-', '--allow-snippets'], ingress('s', 'snip.test', [['/', 'Prefix', 'svc']], { annotations: { [`${A}configuration-snippet`]: 'return 200; } server { listen 9;' } }));
  assert.not.match(broken.stdout, /listen 9/);
  assert.match(broken.stderr, /configuration-snippet is not copied: it closes a block/);
});

test('a canary whose backend has nowhere to go is not rendered (the main backend answers)', () => {
  const yaml = ingress('m', 'c.test', [['/', 'Prefix', 'main']]) + `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: c, annotations: {${A}canary: "true", ${A}canary-weight: "50"}}
spec: {rules: [{host: c.test, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: alt, port: {name: web}}}}]}}]}
`;
  const parsed = parseText('t.yaml', yaml).documents;
  for (const d of parsed) d.namespace = 'default';
  const r = renderNginx(resolve(parsed), OPTIONS);
  assert.not.match(r.files[0].content, /split_clients/);
  assert.ok(r.findings.some((f) => /canary of c\.test\/ \(Prefix\) is not rendered/.test(f.message)));
});

test.run();
