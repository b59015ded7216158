// The annotation set (test/envoy/fixtures/annotations) on the rendered Traefik configuration:
// for every route, requests from several client addresses, with and without canary headers
// and cookies, must be answered as the model's Matcher answers them (status, backend,
// redirect, upstream path and Host), but for the approximations the support matrix lists.
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Matcher, type Request } from '../../src/model/match.js';
import { EMIT_DEFAULTS, modelOfFixture } from '../envoy/routing.js';
import { ROOT } from '../helpers.js';
import { backendOfService, evaluate } from './evaluate.js';
import { renderedTraefik } from './routing.js';

const model = modelOfFixture(join(ROOT, 'test/envoy/fixtures/annotations'));
const { dynamic, result } = renderedTraefik(model);

/** Traefik's redirect codes: the kind (permanent or not) and the method decide (matrix: *-redirect-code, ssl-redirect). */
const traefikCode = (code: number, method: string) => ([301, 308].includes(code) ? (method === 'GET' ? 301 : 308) : method === 'GET' ? 302 : 307);

function requests(): Request[] {
  const out: Request[] = [];
  for (const v of model.hosts) {
    const host = v.kind === 'exact' ? v.host : v.kind === 'wildcard' ? `x${v.host.slice(1)}` : 'unknown.example.net';
    for (const r of v.routes) {
      if (r.match.kind === 'Regex') continue;
      const path = r.match.value.endsWith('/') || r.match.kind === 'Exact' ? r.match.value : `${r.match.value}/x`;
      for (const scheme of ['http', 'https'] as const)
        for (const clientIp of ['10.1.2.3', '192.168.7.7', '203.0.113.9']) {
          out.push({ scheme, host, target: path, clientIp });
          const c = r.canary;
          if (c?.header) out.push({ scheme, host, target: path, clientIp, headers: { [c.header.name.toLowerCase()]: c.header.kind === 'value' ? c.header.value : 'always' } }, { scheme, host, target: path, clientIp, headers: { [c.header.name.toLowerCase()]: 'never' } });
          if (c?.cookie) out.push({ scheme, host, target: path, clientIp, headers: { cookie: `a=b; ${c.cookie}=always` } }, { scheme, host, target: path, clientIp, headers: { cookie: `${c.cookie}=never` } });
          const cors = r.policy.cors;
          if (cors) {
            const allowed = cors.origins === '*' ? 'https://any.example.org' : `${cors.origins[0].scheme}://${cors.origins[0].host.replace('*', 'sub')}${cors.origins[0].port ? `:${cors.origins[0].port}` : ''}`;
            for (const origin of [allowed, 'https://evil.example.org']) {
              out.push({ scheme, host, target: path, clientIp, headers: { origin } });
              out.push({ scheme, host, target: path, clientIp, method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
            }
          }
        }
    }
    out.push({ scheme: 'http', host, target: '/', clientIp: '10.1.2.3' }, { scheme: 'https', host, target: '/no/such/path', clientIp: '10.1.2.3' });
  }
  for (const r of model.hostRedirects ?? []) out.push({ scheme: 'http', host: r.host, target: '/a?b=c' });
  return out;
}

test('every route of the annotation set answers as the model says (status, backend, redirect, upstream path and Host)', () => {
  const matcher = new Matcher(model, { random: () => 0 });
  const problems: string[] = [];
  let corsAllowed = 0;
  const reqs = requests();
  for (const req of reqs) {
    const d = matcher.match(req);
    const t = evaluate(dynamic, req, { random: () => 0 });
    const at = `${req.scheme}://${req.host}${req.target} from ${req.clientIp} ${JSON.stringify(req.headers ?? {})}`;
    if ('location' in d) {
      const want = `${traefikCode(d.status, req.method ?? 'GET')} ${d.location}`;
      const got = `${t.status} ${'location' in t ? t.location : ''}`;
      if (want !== got) problems.push(`${at}: model ${d.status} ${d.location}, traefik ${got}`);
      continue;
    }
    // CORS (matrix: enable-cors): a preflight is answered 200 by Traefik's headers middleware
    // (the model: 204); Allow-Origin goes exactly to the origins the model allows (with any
    // origin and credentials, Traefik names the request's Origin where the model says "*");
    // lists are joined with "," where the model writes ", "
    const origin = req.headers?.origin;
    const cors = d.policy?.cors;
    if (origin !== undefined && cors) {
      const acao = d.headers?.['access-control-allow-origin'];
      const want = acao === '*' && cors.credentials ? origin : acao;
      const got = t.headers?.['access-control-allow-origin'];
      const list = (v: string | undefined) => v?.replace(/,\s+/g, ',');
      if (got !== want) problems.push(`${at}: Access-Control-Allow-Origin: model ${acao}, traefik ${got}`);
      else if (want !== undefined) {
        corsAllowed++;
        if (list(t.headers?.['access-control-expose-headers']) !== list(d.headers?.['access-control-expose-headers'])) problems.push(`${at}: Expose-Headers: model ${d.headers?.['access-control-expose-headers']}, traefik ${t.headers?.['access-control-expose-headers']}`);
      }
      if (d.status === 204) {
        if (t.status !== 200 || list(t.headers?.['access-control-allow-methods']) !== list(d.headers?.['access-control-allow-methods'])) problems.push(`${at}: preflight: model 204 ${JSON.stringify(d.headers)}, traefik ${t.status} ${JSON.stringify(t.headers)}`);
        continue;
      }
    }
    if (t.status !== d.status) {
      problems.push(`${at}: model ${d.status}, traefik ${t.status} (${'router' in t ? t.router : ''})`);
      continue;
    }
    if (d.status === 200 && 'service' in t) {
      const backend = `${d.backend.namespace}/${d.backend.service}:${d.backend.port}`;
      if (backendOfService(t.service) !== backend) problems.push(`${at}: model ${backend}, traefik ${t.service}`);
      const p = d.policy!;
      if (p.upstreamHost !== undefined && t.upstreamHost !== p.upstreamHost) problems.push(`${at}: upstream Host ${t.upstreamHost}, model ${p.upstreamHost}`);
      if (p.forwardedPrefix !== undefined && t.upstreamHeaders['x-forwarded-prefix'] !== p.forwardedPrefix) problems.push(`${at}: X-Forwarded-Prefix ${t.upstreamHeaders['x-forwarded-prefix']}`);
    }
  }
  assert.equal(problems, []);
  assert.ok(reqs.length > 200, `${reqs.length} requests`);
  assert.ok(corsAllowed > 20, `CORS checked for allowed origins ${corsAllowed} times`);
});

test('what Traefik cannot express is a finding at the annotation', () => {
  const messages = result.findings.map((f) => `${f.path ?? ''} ${f.message}`).join('\n');
  assert.match(messages, /limit-rps .* answered 429/);
  assert.ok(result.findings.every((f) => f.message.startsWith('traefik: ')));
});

test.run();
