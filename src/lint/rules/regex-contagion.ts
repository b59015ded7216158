import type { Route } from '../../model/types.js';
import { originDoc, parseFieldPath } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'regex-contagion',
    severity: 'warning',
    category: 'cross-object',
    description: 'Once one Ingress on a host uses use-regex or rewrite-target, ingress-nginx turns every path of that host into a case-insensitive regex.',
    details: 'ingress-nginx renders all locations of a server as "~* ^PATH" when any Ingress for that host asks for regex paths. Exact paths then match as prefixes, Prefix paths lose their segment boundary (/api matches /apiary), "." matches any character and matching ignores case, in every Ingress on the host, including ones that never asked for it. The finding lists the paths whose meaning changes.',
    bad: `# Ingress a, host shop.example.com: use-regex: "true"
# Ingress b, same host:
- path: /api
  pathType: Exact`,
    good: `# give the regex routes their own host, or write the other paths so they mean the same as a regex (e.g. /api$)`,
  },
  check(ctx) {
    for (const vhost of ctx.model.hosts) {
      const regex = vhost.routes.filter((r) => r.match.kind === 'Regex');
      if (!regex.length) continue;
      const causes = [...new Set(regex.map((r) => `${r.origin.namespace}/${r.origin.name}`))].join(', ');
      const changed = vhost.routes.filter((r) => r.match.kind !== 'Regex' && !(r.match.kind === 'Prefix' && r.match.value.replace(/\/+$/, '') === ''));
      const byIngress = new Map<string, Route[]>();
      for (const r of changed) {
        const k = `${r.origin.namespace}/${r.origin.name}\u0000${r.origin.file}`;
        byIngress.set(k, [...(byIngress.get(k) ?? []), r]);
      }
      for (const routes of byIngress.values()) {
        const first = routes[0];
        const doc = originDoc(ctx, first.origin);
        if (!doc) continue;
        const list = routes.map((r) => `${r.match.value} (${r.match.kind})`).join(', ');
        ctx.report(doc, { path: [...parseFieldPath(first.origin.field), 'path'], message: `on host ${vhost.host || '(any host)'}, Ingress ${causes} uses regex paths, so ingress-nginx also reads these paths as case-insensitive regexes: ${list}`, hint: 'Move the regex routes to their own host, or make these paths regexes that mean what you want.' });
      }
    }
  },
};
