// Probe requests generated from a model: each route's path, its element-wise children,
// neighbours that must not match (/foobar for /foo), trailing-slash and case variants,
// on each host and a sibling of each wildcard, over HTTP and HTTPS.
import type { Request } from '../model/match.js';
import type { Route, RouteModel, VirtualHost } from '../model/types.js';

function pathsFor(r: Route): string[] {
  const v = r.match.value;
  if (r.match.kind === 'Regex') {
    // a literal prefix of the pattern is a fair probe; the rest of a regex cannot be enumerated
    const literal = /^[A-Za-z0-9\-._~/]*/.exec(v)?.[0] ?? '/';
    return [literal || '/', (literal || '/') + 'x'];
  }
  const base = v.replace(/\/+$/, '') || '';
  const out = [v, `${base}/`, `${base}/child`, `${base}bar`, v.toUpperCase()];
  if (base) out.push(base);
  return out.map((p) => (p.startsWith('/') ? p : '/' + p));
}

function hostsFor(v: VirtualHost): string[] {
  if (v.kind === 'exact') return [v.host];
  if (v.kind === 'wildcard') {
    const suffix = v.host.slice(2);
    return [`probe.${suffix}`, `a.probe.${suffix}`, suffix];
  }
  return ['unmatched.invalid'];
}

/** Header sets that reach a route's canary or keep a request off it (lower-case names). */
function requestVariants(r: Route): Record<string, string>[] {
  const c = r.canary;
  if (!c) return [];
  const out: Record<string, string>[] = [];
  const h = c.header;
  if (h) {
    const name = h.name.toLowerCase();
    if (h.kind === 'always-never') out.push({ [name]: 'always' }, { [name]: 'never' }, { [name]: 'other' });
    else if (h.kind === 'value') out.push({ [name]: h.value }, { [name]: `${h.value}-not` });
    else out.push({ [name]: 'probe' });
  }
  if (c.cookie) {
    out.push({ cookie: `${c.cookie}=always` }, { cookie: `a=1; ${c.cookie}=never` }, { cookie: `${c.cookie}=other` });
    if (h) out.push({ [h.name.toLowerCase()]: 'never', cookie: `${c.cookie}=always` });
  }
  return out;
}

export function probeRequests(...models: RouteModel[]): Request[] {
  const seen = new Set<string>();
  const out: Request[] = [];
  const add = (scheme: 'http' | 'https', host: string, target: string) => {
    const k = `${scheme}://${host}${target}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ scheme, host, target });
  };
  const variants: Request[] = [];
  for (const model of models) {
    for (const v of model.hosts) {
      const paths = [...new Set([...v.routes.flatMap(pathsFor), '/', '/zz-unmatched'])];
      for (const host of hostsFor(v)) for (const p of paths) for (const scheme of ['http', 'https'] as const) add(scheme, host, p);
      // what routes match on besides scheme, host and path: canary headers and cookies, CORS preflights, a query string
      for (const r of v.routes) {
        const host = hostsFor(v)[0];
        const path = pathsFor(r)[0];
        const base = { host, target: path };
        for (const headers of requestVariants(r)) for (const scheme of ['http', 'https'] as const) variants.push({ scheme, ...base, headers });
        if (r.backend.protocol === 'grpc') {
          // a gRPC call: POST /SERVICE/METHOD with content-type application/grpc
          const v2 = r.match.value.replace(/\/+$/, '');
          const call = r.match.kind === 'Exact' ? r.match.value : `${v2 || '/probe.Service'}${v2.split('/').length > 2 ? '' : '/Call'}`;
          for (const scheme of ['http', 'https'] as const) variants.push({ scheme, host, target: call, method: 'POST', headers: { 'content-type': 'application/grpc', te: 'trailers' } });
        }
        const cors = r.policy.cors;
        if (cors) {
          const allowed = cors.origins === '*' ? 'https://probe.example' : `${cors.origins[0].scheme}://${cors.origins[0].host.replace(/^\*/, 'probe')}${cors.origins[0].port !== undefined ? `:${cors.origins[0].port}` : ''}`;
          for (const origin of [allowed, 'https://other.invalid']) {
            for (const scheme of ['http', 'https'] as const) {
              variants.push({ scheme, ...base, method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
              variants.push({ scheme, ...base, headers: { origin } });
            }
          }
        }
        for (const scheme of ['http', 'https'] as const) variants.push({ scheme, host, target: `${path}${path.includes('?') ? '&' : '?'}probe=1` });
        // a port in the Host header (a client of a non-default port): host matching ignores it, redirects keep it
        if (v.kind !== 'any') for (const scheme of ['http', 'https'] as const) variants.push({ scheme, host: `${host}:${scheme === 'http' ? 8080 : 8443}`, target: path });
      }
    }
  }
  for (const r of variants) {
    const k = `${r.method ?? ''} ${r.scheme}://${r.host}${r.target} ${JSON.stringify(r.headers ?? {})}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  const key = (r: Request) => `${r.host}${r.target}${r.scheme}${r.method ?? ''}${JSON.stringify(r.headers ?? {})}`;
  return out.sort((a, b) => key(a).localeCompare(key(b)));
}
