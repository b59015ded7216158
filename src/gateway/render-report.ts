// render does not translate Gateway API routes yet: each attached route is reported at its
// file:line for the target, never silently left out of the configuration.
import { findingAtOrigin, type Finding } from '../findings/finding.js';
import type { Route, RouteModel } from '../model/types.js';
import type { TargetRule } from '../emit/envoy/findings.js';

/** a render finding, as the emitters report what a target cannot express */
const NOT_TRANSLATED: TargetRule = 'target-unsupported';

/** What a route asks of a target, in the support matrix's words (GATEWAY_MATRIX). */
export function featuresOf(r: Route): string[] {
  const f: string[] = [r.grpc ? 'GRPCRoute' : `path ${r.match.pathType}`];
  if (r.conditions?.method) f.push('method match');
  if (r.conditions?.headers?.length) f.push('header matches');
  if (r.conditions?.query?.length) f.push('query parameter matches');
  if (r.filters?.redirect) f.push('RequestRedirect');
  if (r.filters?.rewrite) f.push('URLRewrite');
  if (r.filters?.requestHeaders || r.backends?.some((b) => b.filters?.requestHeaders)) f.push('RequestHeaderModifier');
  if (r.filters?.responseHeaders || r.backends?.some((b) => b.filters?.responseHeaders)) f.push('ResponseHeaderModifier');
  if (r.policy.cors) f.push('CORS');
  if ((r.backends?.length ?? 0) > 1) f.push('weighted backendRefs');
  return f;
}

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
          out.push(findingAtOrigin(r.origin, { ruleId: NOT_TRANSLATED, severity: 'warning', message: `${target}: Gateway API routes are not rendered yet (${r.origin.kind} ${r.origin.namespace}/${r.origin.name} ${r.origin.field}: ${featuresOf(r).join(', ')}); explain, serve and test route them`, hint: 'render --gateway NS/NAME --target nginx, haproxy or envoy translates them; serve, explain and test --gateway route them.' }));
        }
      }
    }
  }
  return out;
}
