// render does not translate Gateway API routes yet: each attached route is reported at its
// file:line for the target, never silently left out of the configuration.
import { findingAtOrigin, type Finding } from '../model/findings.js';
import type { RouteModel } from '../model/types.js';

export function gatewayRoutesNotRendered(model: RouteModel, target: string): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const g of model.gateways ?? []) {
    for (const l of g.listeners) {
      for (const v of l.hosts) {
        for (const r of v.routes) {
          const k = `${r.origin.file}\u0000${r.origin.field}\u0000${r.origin.namespace}/${r.origin.name}`;
          if (seen.has(k)) continue;
          seen.add(k);
          out.push(findingAtOrigin(r.origin, { ruleId: 'target-unsupported', severity: 'warning', message: `${target}: Gateway API routes are not rendered yet (HTTPRoute ${r.origin.namespace}/${r.origin.name} ${r.origin.field}); explain and routes show how they route`, hint: 'Use ingressctl explain --gateway for these routes; render translates Ingresses.' }));
        }
      }
    }
  }
  return out;
}
