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

export function probeRequests(...models: RouteModel[]): Request[] {
  const seen = new Set<string>();
  const out: Request[] = [];
  const add = (scheme: 'http' | 'https', host: string, target: string) => {
    const k = `${scheme}://${host}${target}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ scheme, host, target });
  };
  for (const model of models) {
    for (const v of model.hosts) {
      const paths = [...new Set([...v.routes.flatMap(pathsFor), '/', '/zz-unmatched'])];
      for (const host of hostsFor(v)) for (const p of paths) for (const scheme of ['http', 'https'] as const) add(scheme, host, p);
    }
  }
  return out.sort((a, b) => `${a.host}${a.target}${a.scheme}`.localeCompare(`${b.host}${b.target}${b.scheme}`));
}
