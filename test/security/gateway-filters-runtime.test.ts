// Runtime injection checks for HTTPRoute filters (issue 13) on nginx, HAProxy and serve:
// header modifier values, redirect and rewrite paths that name variables in every engine's
// syntax reach the upstream, the answer and the Location as text, never expanded; values
// that bypass the model's validators are refused (an error finding) or written as text.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { modelOf } from '../helpers.js';
import { testNeeding } from '../needs.js';
import type { RouteModel } from '../../src/model/types.js';
import { answerProblems, available, PROBE_HEADER, PROBE_HOST, PROBE_VALUE, RUNTIME_TARGETS, startGatewayRuntime } from './runtime.js';

const t = suite('injection at run time: HTTPRoute filter values');

/** legal header values (printable ASCII) that name the probe header and the Host in nginx, HAProxy and Envoy syntax */
const VALUE = `$http_x_probe \${http_x_probe} %[req.hdr(${PROBE_HEADER})] %REQ(${PROBE_HEADER})% $host %[var(txn.host)]`;
/** legal URL paths (pchar) that do the same */
const PATH = `/p$http_x_probe$host;x=$uri:@'(y)`;

const yaml = `
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: ingressctl }
spec: { controllerName: ingressctl.io/local }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  gatewayClassName: ingressctl
  listeners: [{ name: http, port: 80, protocol: HTTP }]
---
apiVersion: v1
kind: Service
metadata: { name: app, namespace: default }
spec: { ports: [{ port: 80 }] }
---
apiVersion: gateway.networking.k8s.io/v1
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
    const run = await startGatewayRuntime(target, model, gatewayOf(model));
    const problems: string[] = [];
    try {
      for (const path of ['/bypass', '/bad-redirect']) {
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
