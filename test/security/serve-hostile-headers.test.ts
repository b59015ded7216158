// serve with header values that bypassed the model's validators (put straight into the
// model, as a bug in a reader would leave them): every feature that writes a header from a
// manifest, over HTTP/1.1 and HTTP/2 (HTTPS, ALPN h2), with the echo backend and with a real
// upstream. The process must not crash (Node's writeHead / request throw on such values),
// every answer must be well-formed, no injected header may appear, a refused value is never
// sent, and serve's log names each refusal once.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RouteModel, GatewayModel } from '../../src/model/types.js';
import { GatewayProxy } from '../../src/gateway/serve.js';
import { gatewayBackends, withLocalBackends } from '../../src/gateway/real-engine.js';
import { modelBackends, startEchoUpstreams } from '../../src/engines/echo-upstreams.js';
import { withLocalUpstreams } from '../../src/engines/local-upstreams.js';
import { fixedRedirect } from '../../src/model/redirect.js';
import { gatewayFrame, ingress, modelOf } from '../helpers.js';
import { defaultCertificate, startProxy } from '../serve/helpers.js';
import { sendTo, type Answer, type Protocol } from './serve-send.js';

const t = suite('serve: header values that bypassed the model');

/** Uncaught errors while a test runs: a throw in an event handler would otherwise end the run (and serve). */
const uncaught: Error[] = [];
const onUncaught = (err: Error) => void uncaught.push(err);
t.before(() => void process.on('uncaughtException', onUncaught));
t.after(() => void process.off('uncaughtException', onUncaught));
t.before.each(() => void (uncaught.length = 0));

const INJECT = (n: number) => `\r\nX-Injected: ${n}`;
const A = 'nginx.ingress.kubernetes.io/';
const HOST = 'h.example.com';

/** The model: one host per feature, each value made hostile after resolve. */
function ingressModel(): RouteModel {
  const model = modelOf(
    ingress('vhost', `vhost.${HOST}`, [['/', 'Prefix', 'app']], { annotations: { [A + 'upstream-vhost']: 'in.example' } }) +
      ingress('prefix', `prefix.${HOST}`, [['/', 'Prefix', 'app']], { annotations: { [A + 'x-forwarded-prefix']: '/p' } }) +
      ingress('redirect', `redirect.${HOST}`, [['/', 'Prefix', 'app']], { annotations: { [A + 'permanent-redirect']: 'https://r.example/' } }) +
      ingress('approot', `approot.${HOST}`, [['/', 'Prefix', 'app']], { annotations: { [A + 'app-root']: '/app' } }) +
      ingress('www', `www.${HOST}`, [['/', 'Prefix', 'app']], { annotations: { [A + 'from-to-www-redirect']: 'true' } }) +
      ingress('auth', `auth.${HOST}`, [['/', 'Prefix', 'app']], { annotations: { [A + 'auth-type']: 'basic', [A + 'auth-secret']: 'users', [A + 'auth-realm']: 'realm' } }) +
      ingress('cors', `cors.${HOST}`, [['/', 'Prefix', 'app']], { annotations: { [A + 'enable-cors']: 'true', [A + 'cors-allow-origin']: 'https://o.example' } }) +
      ingress('cookie', `cookie.${HOST}`, [['/', 'Prefix', 'app']], { annotations: { [A + 'affinity']: 'cookie' } }) +
      ingress('path', `path.${HOST}`, [['/c', 'Prefix', 'app']], { annotations: { [A + 'affinity']: 'cookie' } }) +
      `---
apiVersion: v1
kind: Secret
metadata: { name: users }
type: Opaque
stringData: { auth: "u:$apr1$FEwpZ0ai$bW4lm6Rq/PGqzTKx/v8zw." }
`,
  );
  const vhost = (name: string) => model.hosts.find((v) => v.host === `${name}.${HOST}`)!;
  const route = (name: string) => vhost(name).routes[0];
  const set = (name: string, patch: object) => {
    const r = route(name);
    r.policy = { ...r.policy, ...patch };
  };
  set('vhost', { upstreamHost: `in.example${INJECT(1)}` });
  set('prefix', { forwardedPrefix: `/p${INJECT(2)}` });
  const redirect = route('redirect');
  assert.ok(redirect.filters?.redirect, 'permanent-redirect is the route\'s redirect filter');
  redirect.filters = { ...redirect.filters, redirect: fixedRedirect(`https://r.example/${INJECT(3)}`, 301, 'permanent-redirect') };
  vhost('approot').appRoot = { ...vhost('approot').appRoot!, path: `/app${INJECT(4)}` };
  set('auth', { basicAuth: { ...route('auth').policy.basicAuth!, realm: `realm"${INJECT(5)}` } });
  const cors = route('cors').policy.cors!;
  set('cors', { cors: { ...cors, methods: `GET${INJECT(6)}`, exposeHeaders: 'x-\u00e9' } });
  set('cookie', { affinity: { ...route('cookie').policy.affinity!, cookieName: `c${INJECT(7)}` } });
  route('path').cookiePath = `/c${INJECT(8)}`;
  // from-to-www-redirect: the host answered with a redirect to www.<host>
  const www = model.hostRedirects?.find((r) => r.to === `www.${HOST}` || r.host === `www.${HOST}`);
  assert.ok(www, 'the from-to-www-redirect host');
  www.to = `${www.to}${INJECT(9)}`;
  return model;
}

interface Case {
  host: string;
  path?: string;
  headers?: Record<string, string>;
  /** what the answer must be; `sent` the header that must not carry the hostile value */
  expect: (a: Answer) => string[];
}

/** sendTo, a failure naming what was thrown uncaught meanwhile (the likelier cause of a missing answer). */
async function send(...args: Parameters<typeof sendTo>): Promise<Answer> {
  try {
    return await sendTo(...args);
  } catch (err) {
    throw new Error(`${(err as Error).message}${uncaught.length ? `; thrown uncaught meanwhile: ${uncaught.map((e) => e.message).join('; ')}` : ''}`);
  }
}

const upstreamGot = (a: Answer, name: string) => a.upstream?.headers[name];

const INGRESS_CASES: Record<string, Case> = {
  'upstream-vhost': {
    host: `vhost.${HOST}`,
    expect: (a) => (a.status === 200 && a.upstream?.host === `vhost.${HOST}` ? [] : [`${a.status}, upstream Host ${JSON.stringify(a.upstream?.host)} (the client's expected)`]),
  },
  'x-forwarded-prefix': {
    host: `prefix.${HOST}`,
    expect: (a) => (a.status === 200 && upstreamGot(a, 'x-forwarded-prefix') === undefined ? [] : [`${a.status}, X-Forwarded-Prefix ${JSON.stringify(upstreamGot(a, 'x-forwarded-prefix'))}`]),
  },
  'permanent-redirect': {
    host: `redirect.${HOST}`,
    expect: (a) => (a.status === 503 && a.header('location') === undefined ? [] : [`${a.status}, Location ${JSON.stringify(a.header('location'))} (503 without one expected)`]),
  },
  'app-root': {
    host: `approot.${HOST}`,
    expect: (a) => (a.status === 503 && a.header('location') === undefined ? [] : [`${a.status}, Location ${JSON.stringify(a.header('location'))} (503 without one expected)`]),
  },
  'from-to-www-redirect': {
    host: HOST,
    expect: (a) => (a.status === 503 && a.header('location') === undefined ? [] : [`${a.status}, Location ${JSON.stringify(a.header('location'))} (503 without one expected)`]),
  },
  'auth-realm': {
    host: `auth.${HOST}`,
    expect: (a) => (a.status === 401 && a.header('www-authenticate') === undefined ? [] : [`${a.status}, WWW-Authenticate ${JSON.stringify(a.header('www-authenticate'))} (401 without one expected)`]),
  },
  'cors values': {
    host: `cors.${HOST}`,
    headers: { origin: 'https://o.example' },
    expect: (a) =>
      a.status === 200 && a.header('access-control-allow-origin') === 'https://o.example' && a.header('access-control-allow-methods') === undefined && a.header('access-control-expose-headers') === undefined
        ? []
        : [`${a.status}, allow-origin ${JSON.stringify(a.header('access-control-allow-origin'))}, allow-methods ${JSON.stringify(a.header('access-control-allow-methods'))}, expose ${JSON.stringify(a.header('access-control-expose-headers'))}`],
  },
  'affinity cookie name': {
    host: `cookie.${HOST}`,
    expect: (a) => (a.status === 200 && a.header('set-cookie') === undefined ? [] : [`${a.status}, Set-Cookie ${JSON.stringify(a.header('set-cookie'))}`]),
  },
  'affinity cookie path': {
    host: `path.${HOST}`,
    path: '/c',
    expect: (a) => (a.status === 200 && a.header('set-cookie') === undefined ? [] : [`${a.status}, Set-Cookie ${JSON.stringify(a.header('set-cookie'))}`]),
  },
};

/** What every answer must hold to: well-formed (parsed by the client), no injected header, no hostile text in any header. */
function common(a: Answer): string[] {
  const out: string[] = [];
  for (const [name, value] of a.headers) {
    if (/injected/i.test(name) || /injected/i.test(value)) out.push(`injected text in ${name}: ${value}`);
    if (/[^\x20-\x7e]/.test(value)) out.push(`a control or non-ASCII character in ${name}: ${JSON.stringify(value)}`);
  }
  for (const [name, value] of Object.entries(a.upstream?.headers ?? {})) {
    const v = Array.isArray(value) ? value.join(', ') : value ?? '';
    if (/injected/i.test(name) || /injected/i.test(v)) out.push(`injected text in the upstream header ${name}: ${v}`);
  }
  return out;
}

const PROTOCOLS: Protocol[] = ['http/1.1', 'h2'];

for (const backend of ['echo', 'upstream'] as const) {
  t(`Ingress annotations (${Object.keys(INGRESS_CASES).join(', ')}), ${backend === 'echo' ? 'the echo backend' : 'a real upstream'}, HTTP/1.1 and h2: no crash, refused values not sent, each refusal logged once`, async () => {
    let model = ingressModel();
    const echoes = backend === 'upstream' ? await startEchoUpstreams(modelBackends(model)) : undefined;
    if (echoes) model = withLocalUpstreams(model, echoes.ports);
    const log: string[] = [];
    const proxy = await startProxy(model, { log: (l) => void log.push(l) });
    const problems: string[] = [];
    try {
      for (const protocol of PROTOCOLS) {
        for (const [name, c] of Object.entries(INGRESS_CASES)) {
          for (let round = 0; round < 2; round++) {
            const a = await send(protocol === 'h2' ? proxy.httpsPort : proxy.httpPort, protocol, c.host, c.path ?? '/', c.headers);
            problems.push(...[...common(a), ...c.expect(a)].map((p) => `${protocol} ${name}: ${p}`));
          }
        }
      }
    } finally {
      await proxy.stop(500);
      await echoes?.close();
    }
    assert.equal(uncaught.map((e) => e.message), [], 'no uncaught error');
    assert.equal(problems, [], problems.join('\n'));
    // one line per route and header, however many requests (4 per case here)
    assert.equal(log.length, new Set(log).size, `a refusal logged twice:\n${log.join('')}`);
    for (const what of ['upstream-vhost', 'x-forwarded-prefix', 'location', 'www-authenticate', 'access-control-allow-methods', 'access-control-expose-headers', 'set-cookie']) {
      assert.ok(log.some((l) => l.includes(`"${what}"`)), `the log names ${what}:\n${log.join('')}`);
    }
    for (const l of log) assert.ok(/^ingressctl: [\x20-\x7e]+\n$/.test(l), `one printable line: ${JSON.stringify(l)}`);
  });
}

const GATEWAY = `
${gatewayFrame({ gatewayClass: true, listeners: ['{ name: http, port: 80, protocol: HTTP }', '{ name: https, port: 443, protocol: HTTPS, tls: { certificateRefs: [{ name: missing }] } }'] })}apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  hostnames: [${HOST}]
  rules:
    - matches: [{ path: { type: PathPrefix, value: /hdr } }]
      backendRefs: [{ name: app, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /name } }]
      backendRefs: [{ name: app, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /rw } }]
      backendRefs: [{ name: app, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /redir } }]
      filters: [{ type: RequestRedirect, requestRedirect: { hostname: r.example } }]
    - matches: [{ path: { type: PathPrefix, value: /redir-path } }]
      filters: [{ type: RequestRedirect, requestRedirect: { path: { type: ReplaceFullPath, replaceFullPath: /x } } }]
`;

function gatewayModel(): { model: RouteModel; gateway: GatewayModel } {
  const model = modelOf(GATEWAY);
  const gateway = model.gateways!.find((g) => g.name === 'gw')!;
  const routes = gateway.listeners.flatMap((l) => l.hosts.flatMap((v) => v.routes));
  const each = (prefix: string, fn: (r: (typeof routes)[number]) => void) => {
    const found = routes.filter((r) => r.match.value === prefix);
    assert.ok(found.length, `route ${prefix}`);
    found.forEach(fn);
  };
  const mod = (set: [string, string][], add: [string, string][]) => ({ set: set.map(([name, value]) => ({ name, value })), add: add.map(([name, value]) => ({ name, value })), remove: [] });
  each('/hdr', (r) => {
    r.filters = {
      // (x_custom: a token the Gateway API allows, written as it is)
      requestHeaders: mod([['x-a', `a${INJECT(1)}`], ['x-ok', 'fine'], ['x_custom', 'fine']], [['x-b', `b${INJECT(2)}`]]),
      responseHeaders: mod([['x-r', `r${INJECT(3)}`], ['x-r-ok', 'fine'], ['x_custom', 'fine']], [['x-s', 'caf\u00e9']]),
    };
  });
  each('/name', (r) => {
    r.filters = { requestHeaders: mod([['x bad', 'v'], [`x-c${INJECT(4)}`, 'v']], []), responseHeaders: mod([['x:bad', 'v'], ['x-\u00e9', 'v']], []) };
  });
  each('/rw', (r) => void (r.filters = { rewrite: { hostname: `in.example${INJECT(5)}` } }));
  each('/redir', (r) => void (r.filters = { redirect: { hostname: `r.example${INJECT(6)}`, statusCode: 302 } }));
  each('/redir-path', (r) => void (r.filters = { redirect: { path: { type: 'ReplaceFullPath', value: `/x${INJECT(7)}` }, statusCode: 302 } }));
  return { model, gateway };
}

const GATEWAY_CASES: Record<string, Case> = {
  'RequestHeaderModifier and ResponseHeaderModifier values': {
    host: HOST,
    path: '/hdr',
    expect: (a) =>
      a.status === 200 && upstreamGot(a, 'x-a') === undefined && upstreamGot(a, 'x-b') === undefined && upstreamGot(a, 'x-ok') === 'fine' && upstreamGot(a, 'x_custom') === 'fine' && a.header('x_custom') === 'fine' && a.header('x-r') === undefined && a.header('x-s') === undefined && a.header('x-r-ok') === 'fine'
        ? []
        : [`${a.status}, upstream x-a ${JSON.stringify(upstreamGot(a, 'x-a'))} x-b ${JSON.stringify(upstreamGot(a, 'x-b'))} x-ok ${JSON.stringify(upstreamGot(a, 'x-ok'))}, answer x-r ${JSON.stringify(a.header('x-r'))} x-s ${JSON.stringify(a.header('x-s'))} x-r-ok ${JSON.stringify(a.header('x-r-ok'))}`],
  },
  'header modifier names': {
    host: HOST,
    path: '/name',
    expect: (a) => (a.status === 200 && !a.headers.some(([n]) => n.includes('bad') || n.startsWith('x-c')) && !Object.keys(a.upstream?.headers ?? {}).some((n) => n.includes('bad') || n.startsWith('x-c')) ? [] : [`${a.status}, a bad name was sent`]),
  },
  'URLRewrite hostname': {
    host: HOST,
    path: '/rw',
    expect: (a) => (a.status === 200 && a.upstream?.host === HOST ? [] : [`${a.status}, upstream Host ${JSON.stringify(a.upstream?.host)} (the client's expected)`]),
  },
  'RequestRedirect hostname': {
    host: HOST,
    path: '/redir',
    expect: (a) => (a.status === 503 && a.header('location') === undefined ? [] : [`${a.status}, Location ${JSON.stringify(a.header('location'))} (503 without one expected)`]),
  },
  'RequestRedirect path': {
    host: HOST,
    path: '/redir-path',
    expect: (a) => (a.status === 503 && a.header('location') === undefined ? [] : [`${a.status}, Location ${JSON.stringify(a.header('location'))} (503 without one expected)`]),
  },
};

for (const backend of ['echo', 'upstream'] as const) {
  t(`Gateway filters (${Object.keys(GATEWAY_CASES).join(', ')}), ${backend === 'echo' ? 'the echo backend' : 'a real upstream'}, HTTP/1.1 and h2: no crash, refused values not sent, each refusal logged once`, async () => {
    const { gateway: g0 } = gatewayModel();
    const echoes = backend === 'upstream' ? await startEchoUpstreams(gatewayBackends(g0)) : undefined;
    const gateway = echoes ? withLocalBackends(g0, echoes.ports) : g0;
    const log: string[] = [];
    const proxy = await GatewayProxy.start(gateway, { httpPort: 0, httpsPort: 0, mapPorts: new Map(), log: (l) => void log.push(l), defaultCertificate: await defaultCertificate() });
    const problems: string[] = [];
    try {
      for (const protocol of PROTOCOLS) {
        const port = proxy.ports.get(protocol === 'h2' ? 443 : 80)!;
        for (const [name, c] of Object.entries(GATEWAY_CASES)) {
          for (let round = 0; round < 2; round++) {
            const a = await send(port, protocol, c.host, c.path ?? '/', c.headers);
            problems.push(...[...common(a), ...c.expect(a)].map((p) => `${protocol} ${name}: ${p}`));
          }
        }
      }
    } finally {
      await proxy.stop();
      await echoes?.close();
    }
    assert.equal(uncaught.map((e) => e.message), [], 'no uncaught error');
    assert.equal(problems, [], problems.join('\n'));
    assert.equal(log.length, new Set(log).size, `a refusal logged twice:\n${log.join('')}`);
    for (const what of ['x-a', 'x-b', 'x-r', 'x-s', 'x bad', 'x:bad', 'host', 'location']) assert.ok(log.some((l) => l.includes(`"${what}"`)), `the log names ${what}:\n${log.join('')}`);
    for (const l of log) assert.ok(/^ingressctl: [\x20-\x7e]+\n$/.test(l), `one printable line: ${JSON.stringify(l)}`);
  });
}

t.run();
