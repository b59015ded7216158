// Runtime injection checks for HTTPRoute filters (issue 13) on nginx, HAProxy and serve:
// header modifier values, redirect and rewrite paths, CORS filter names (HTTP tokens may
// hold "$" and "%") and hostile Origin headers that name variables in every engine's syntax
// reach the upstream, the answer and the Location as text, never expanded; values that
// bypass the model's validators are refused (an error finding) or written as text.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gatewayFrame, modelOf } from '../helpers.js';
import { testNeeding } from '../needs.js';
import type { RouteModel } from '../../src/model/types.js';
import { answerProblems, available, PROBE_HEADER, PROBE_HOST, PROBE_VALUE, RUNTIME_TARGETS, startGatewayRuntime } from './runtime.js';

const t = suite('injection at run time: HTTPRoute filter values');

/** legal header values (printable ASCII) that name the probe header and the Host in nginx, HAProxy and Envoy syntax */
const VALUE = `$http_x_probe \${http_x_probe} %[req.hdr(${PROBE_HEADER})] %REQ(${PROBE_HEADER})% $host %[var(txn.host)]`;
/** legal URL paths (pchar) that do the same */
const PATH = `/p$http_x_probe$host;x=$uri:@'(y)`;
/** legal CORS names (HTTP tokens) that do the same as far as a token can: nginx variables, HAProxy log-format aliases */
const TOKENS = ['$http_x_probe', '$host', '%ci', "x'#|`&"];
/** Origin headers a client may send: echoed (allowOrigins "*" with credentials) as text, never expanded; none under an allowed wildcard */
const ORIGINS = [`https://$http_x_probe.a.example.org`, `https://a.example.org/%[req.hdr(${PROBE_HEADER})]`, `https://x.a.example.org$host`];

const yaml = `
${gatewayFrame({ gatewayClass: true })}apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: hostile, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  hostnames: [${PROBE_HOST}]
  rules:
    - matches: [{ path: { type: PathPrefix, value: /hdr } }]
      filters:
        - type: RequestHeaderModifier
          requestHeaderModifier: { set: [{ name: x-a, value: ${JSON.stringify(VALUE)} }], add: [{ name: x-b, value: ${JSON.stringify(VALUE)} }] }
        - type: ResponseHeaderModifier
          responseHeaderModifier: { set: [{ name: x-r, value: ${JSON.stringify(VALUE)} }] }
      backendRefs: [{ name: app, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /redir } }]
      filters: [{ type: RequestRedirect, requestRedirect: { hostname: r.example, path: { type: ReplaceFullPath, replaceFullPath: ${JSON.stringify(PATH)} } } }]
    - matches: [{ path: { type: PathPrefix, value: /prefix } }]
      filters: [{ type: RequestRedirect, requestRedirect: { hostname: r.example, path: { type: ReplacePrefixMatch, replacePrefixMatch: ${JSON.stringify(PATH)} } } }]
    - matches: [{ path: { type: PathPrefix, value: /rw } }]
      filters: [{ type: URLRewrite, urlRewrite: { hostname: in.example, path: { type: ReplaceFullPath, replaceFullPath: ${JSON.stringify(PATH)} } } }]
      backendRefs: [{ name: app, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /bypass } }]
      filters:
        - type: RequestHeaderModifier
          requestHeaderModifier: { set: [{ name: x-c, value: placeholder }] }
        - type: URLRewrite
          urlRewrite: { hostname: in.example }
      backendRefs: [{ name: app, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /bad-redirect } }]
      filters: [{ type: RequestRedirect, requestRedirect: { hostname: r.example } }]
    - matches: [{ path: { type: PathPrefix, value: /cors } }]
      filters:
        - type: CORS
          cors: { allowOrigins: ["https://*.a.example.org"], allowMethods: [GET], allowHeaders: ${JSON.stringify(TOKENS)}, exposeHeaders: ${JSON.stringify(TOKENS)} }
      backendRefs: [{ name: app, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /cors-echo } }]
      filters: [{ type: CORS, cors: { allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"], allowCredentials: true } }]
      backendRefs: [{ name: app, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /cors-bypass } }]
      filters: [{ type: CORS, cors: { allowOrigins: ["*"], allowMethods: [GET] } }]
      backendRefs: [{ name: app, port: 80 }]
`;

function gatewayOf(model: RouteModel) {
  const g = model.gateways?.find((x) => x.name === 'gw');
  assert.ok(g, 'the Gateway resolves');
  return g!;
}

const routeOf = (model: RouteModel, prefix: string) => gatewayOf(model).listeners[0].hosts.flatMap((v) => v.routes).find((r) => r.match.value === prefix)!;

for (const target of RUNTIME_TARGETS) {
  testNeeding(t, target, available(target), `${target}: header modifier values, redirect and rewrite paths arrive as text`, async () => {
    const model = modelOf(yaml, { gatewayClass: 'ingressctl' });
    assert.equal(model.findings.filter((f) => f.severity === 'error'), [], 'every hostile value is legal input');
    const run = await startGatewayRuntime(target, model, gatewayOf(model));
    const problems: string[] = [];
    try {
      const h = await run.send('http', PROBE_HOST, '/hdr', { [PROBE_HEADER]: PROBE_VALUE });
      problems.push(...answerProblems(h, ['set-cookie', 'x-r']).map((p) => `/hdr: ${p}`));
      if (h.status !== 200 || !h.echo) problems.push(`/hdr: ${h.status}, not routed`);
      else {
        if (h.echo.headers['x-a'] !== VALUE) problems.push(`/hdr: upstream x-a ${JSON.stringify(h.echo.headers['x-a'])}`);
        if (h.echo.headers['x-b'] !== VALUE) problems.push(`/hdr: upstream x-b ${JSON.stringify(h.echo.headers['x-b'])}`);
      }
      const xr = h.headers.filter(([n]) => n === 'x-r').map(([, v]) => v);
      if (xr.join() !== VALUE) problems.push(`/hdr: response x-r ${JSON.stringify(xr)}`);
      for (const [path, want] of [['/redir', PATH], ['/prefix/z', `${PATH}/z`]] as const) {
        const a = await run.send('http', PROBE_HOST, path, { [PROBE_HEADER]: PROBE_VALUE });
        problems.push(...answerProblems(a, ['set-cookie', 'location']).map((p) => `${path}: ${p}`));
        const location = a.headers.find(([n]) => n === 'location')?.[1];
        // a target that cannot write the value refuses it: 500, with an error finding at the route
        const refused = a.status === 500 && run.findings.some((f) => f.severity === 'error' && f.message.includes(path.split('/')[1]));
        if (!refused && (a.status !== 302 || location !== `http://r.example${want}`)) problems.push(`${path}: ${a.status} ${location}`);
      }
      const rw = await run.send('http', PROBE_HOST, '/rw', { [PROBE_HEADER]: PROBE_VALUE });
      problems.push(...answerProblems(rw).map((p) => `/rw: ${p}`));
      if (rw.status !== 200 || rw.echo?.path !== PATH || rw.echo?.host !== 'in.example') problems.push(`/rw: ${rw.status}, upstream ${rw.echo?.host} ${rw.echo?.path}`);
      // CORS: names written as text, on the preflight and on a forwarded answer
      const names = TOKENS.join(', ');
      for (const method of ['OPTIONS', 'GET']) {
        const c = await run.send('http', PROBE_HOST, '/cors', { [PROBE_HEADER]: PROBE_VALUE, origin: 'https://b.a.example.org', 'access-control-request-method': 'GET' }, method);
        const hostFree = ['access-control-allow-headers', 'access-control-expose-headers', 'access-control-allow-origin'];
        problems.push(...answerProblems(c, hostFree).map((p) => `${method} /cors: ${p}`));
        const got = (n: string) => c.headers.filter(([h]) => h === n).map(([, v]) => v).join();
        if (c.status !== (method === 'OPTIONS' ? 204 : 200)) problems.push(`${method} /cors: ${c.status}`);
        for (const n of ['access-control-allow-headers', 'access-control-expose-headers']) if (got(n) !== names) problems.push(`${method} /cors: ${n} ${JSON.stringify(got(n))}`);
        if (got('access-control-allow-origin') !== 'https://b.a.example.org') problems.push(`${method} /cors: allow-origin ${JSON.stringify(got('access-control-allow-origin'))}`);
      }
      // hostile Origins: not under the wildcard (no CORS headers); echoed exactly where every origin is allowed, as are the requested method and headers
      for (const origin of ORIGINS) {
        const denied = await run.send('http', PROBE_HOST, '/cors', { [PROBE_HEADER]: PROBE_VALUE, origin });
        problems.push(...answerProblems(denied).map((p) => `/cors ${origin}: ${p}`));
        if (denied.headers.some(([h]) => h.startsWith('access-control-'))) problems.push(`/cors ${origin}: allowed`);
        const requested = { method: `X$http_x_probe%[req.hdr(${PROBE_HEADER})]`, headers: `x-a, $http_x_probe, %ci` };
        const echoed = await run.send('http', PROBE_HOST, '/cors-echo', { [PROBE_HEADER]: PROBE_VALUE, origin, 'access-control-request-method': requested.method, 'access-control-request-headers': requested.headers }, 'OPTIONS');
        problems.push(...answerProblems(echoed).map((p) => `/cors-echo ${origin}: ${p}`));
        const got = (n: string) => echoed.headers.filter(([h]) => h === n).map(([, v]) => v).join();
        if (echoed.status !== 204 || got('access-control-allow-origin') !== origin) problems.push(`/cors-echo ${origin}: ${echoed.status} allow-origin ${JSON.stringify(got('access-control-allow-origin'))}`);
        if (got('access-control-allow-methods') !== requested.method || got('access-control-allow-headers') !== requested.headers) problems.push(`/cors-echo ${origin}: methods ${JSON.stringify(got('access-control-allow-methods'))}, headers ${JSON.stringify(got('access-control-allow-headers'))}`);
      }
    } finally {
      await run.close();
    }
    assert.equal(problems, [], problems.join('\n'));
  });

  testNeeding(t, target, available(target), `${target}: filter values that bypass the model's validators are refused or written as text`, async () => {
    const model = modelOf(yaml, { gatewayClass: 'ingressctl' });
    const bypass = routeOf(model, '/bypass');
    bypass.filters = { requestHeaders: { set: [{ name: 'x-c', value: 'v\r\nX-Injected: 1' }], add: [], remove: [] }, rewrite: { hostname: 'in.example\r\nX-Injected: 2' } };
    const bad = routeOf(model, '/bad-redirect');
    bad.filters = { redirect: { hostname: `r.example/$host\r\nX-Injected: 3`, statusCode: 302 } };
    const cors = routeOf(model, '/cors-bypass');
    cors.policy = { ...cors.policy, cors: { ...cors.policy.cors!, methods: 'GET\r\nX-Injected: 4', exposeHeaders: `x\r\nX-Injected: 5` } };
    const run = await startGatewayRuntime(target, model, gatewayOf(model));
    const problems: string[] = [];
    try {
      for (const path of ['/bypass', '/bad-redirect', '/cors-bypass']) {
        const a = await run.send('http', PROBE_HOST, path, { [PROBE_HEADER]: PROBE_VALUE });
        problems.push(...answerProblems(a, ['set-cookie', 'location']).map((p) => `${path}: ${p}`));
        const refused = run.findings.some((f) => f.severity === 'error');
        if (a.status >= 500 && !refused && target !== 'serve') problems.push(`${path}: ${a.status} without an error finding`);
        if (a.status === 200 && a.echo && a.echo.host !== PROBE_HOST && a.echo.host !== 'in.example') problems.push(`${path}: upstream Host ${JSON.stringify(a.echo.host)}`);
      }
    } finally {
      await run.close();
    }
    assert.equal(problems, [], problems.join('\n'));
  });
}

t.run();
