// `routes` for Gateway API input: one row per route of each listener, grouped by Gateway
// and listener, listener ports as written.
import { formatBackend } from '../model/backends.js';
import type { CorsPolicy } from '../model/policy.js';
import type { HeaderModifier, Route, RouteFilters, RouteModel } from '../model/types.js';
import { conditionsText } from './routes.js';

function modifierText(kind: string, m: HeaderModifier): string {
  return [...m.set.map((h) => `${kind} set ${h.name}: ${h.value}`), ...m.add.map((h) => `${kind} add ${h.name}: ${h.value}`), ...m.remove.map((n) => `${kind} remove ${n}`)].join(', ');
}

export function filtersText(f: RouteFilters | undefined): string {
  if (!f) return '';
  const out: string[] = [];
  const path = (p: NonNullable<RouteFilters['rewrite']>['path']) => (p ? ` path ${p.type === 'ReplaceFullPath' ? p.value : `${p.value} (prefix)`}` : '');
  if (f.redirect) {
    const r = f.redirect;
    out.push(`redirect ${r.statusCode}${r.scheme ? ` ${r.scheme}` : ''}${r.hostname ? ` host ${r.hostname}` : ''}${r.port ? ` port ${r.port}` : ''}${path(r.path)}`);
  }
  if (f.rewrite) out.push(`rewrite${f.rewrite.hostname ? ` host ${f.rewrite.hostname}` : ''}${path(f.rewrite.path)}`);
  if (f.requestHeaders) out.push(modifierText('request', f.requestHeaders));
  if (f.responseHeaders) out.push(modifierText('response', f.responseHeaders));
  return out.filter(Boolean).join('; ');
}

/** The CORS filter (the route's CORS policy), as the FILTERS column names it. */
export function corsText(c: CorsPolicy | undefined): string {
  if (!c) return '';
  const origins = c.origins === '*' ? '*' : c.origins.map((o) => `${o.scheme}://${o.host}${o.port ? `:${o.port}` : ''}`).join(' ');
  return `cors ${origins}${c.credentials ? ' credentials' : ''}`;
}

export function backendsText(r: Route): string {
  if (!r.backends) return formatBackend(r.backend);
  if (!r.backends.length) return r.filters?.redirect ? '-' : '500 (no backendRefs)';
  const total = r.backends.reduce((n, b) => n + b.weight, 0);
  return r.backends
    .map((b) => {
      const name = b.backend ? formatBackend(b.backend) : `500 (${b.invalid})`;
      const share = r.backends!.length > 1 ? ` ${total ? Math.round((b.weight * 1000) / total) / 10 : 0}%` : '';
      const own = b.filters ? ` [${filtersText(b.filters)}]` : '';
      return `${name}${share}${own}`;
    })
    .join(', ');
}

export function gatewayRows(model: RouteModel): string[][] {
  const rows: string[][] = [];
  for (const g of model.gateways ?? []) {
    for (const l of g.listeners) {
      for (const v of l.hosts) {
        for (const r of v.routes) {
          const match = `${r.match.pathType} ${r.match.value}${r.conditions ? ` (${conditionsText(r.conditions)})` : ''}`;
          rows.push([`${g.namespace}/${g.name}`, l.name, `${l.port} ${l.protocol}`, v.host || '*', match, [filtersText(r.filters), corsText(r.policy.cors)].filter(Boolean).join('; ') || '-', backendsText(r), `${r.origin.namespace}/${r.origin.name} ${r.origin.file}:${r.origin.line}`]);
        }
      }
    }
  }
  return rows;
}

export const GATEWAY_HEADERS = ['GATEWAY', 'LISTENER', 'PORT', 'HOST', 'MATCH', 'FILTERS', 'BACKENDS', 'ORIGIN'];
