import { GATEWAY_GROUP } from '../../gateway/kinds.js';
import { selectorMatches, type ListenerShape, type RouteShape } from '../../gateway/read.js';
import { gatewayObjectsOf, parentGateway, selectedListeners } from '../gateway.js';
import type { Rule } from '../types.js';

/** Route kinds a listener takes when allowedRoutes.kinds is empty. */
const PROTOCOL_KINDS: Record<string, string[]> = { HTTP: ['HTTPRoute', 'GRPCRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'], TLS: ['TLSRoute'], TCP: ['TCPRoute'], UDP: ['UDPRoute'] };

/** Whether the listener admits the route; undefined when the input cannot tell (a selector and no Namespace object). */
function admits(l: ListenerShape, route: RouteShape, gwNamespace: string, nsLabels: Map<string, Record<string, string>>): { ok: boolean; why?: string } | undefined {
  const kinds = l.kinds.length ? l.kinds.filter((k) => k.group === GATEWAY_GROUP).map((k) => k.kind) : (PROTOCOL_KINDS[l.protocol] ?? []);
  if (!kinds.includes(route.kind)) return { ok: false, why: `listener "${l.name}" takes ${kinds.join(', ') || 'no route kind'}` };
  if (l.from === 'All') return { ok: true };
  if (l.from === 'Same') return route.namespace === gwNamespace ? { ok: true } : { ok: false, why: `listener "${l.name}" takes routes from its own namespace (${gwNamespace}) only` };
  if (l.from === 'Selector') {
    const labels = nsLabels.get(route.namespace);
    if (!labels) return undefined;
    return l.selector && selectorMatches(l.selector, { ...labels, 'kubernetes.io/metadata.name': route.namespace }) ? { ok: true } : { ok: false, why: `listener "${l.name}"'s namespace selector does not select namespace ${route.namespace}` };
  }
  return { ok: false, why: `listener "${l.name}" has allowedRoutes.namespaces.from ${l.from}` };
}

export const rule: Rule = {
  meta: {
    id: 'gateway-route-not-allowed',
    severity: 'error',
    category: 'cross-object',
    description: "A route's parentRef reaches a Gateway whose listeners do not take it (allowedRoutes namespaces or kinds).",
    details:
      "A Gateway decides which routes may attach: listener allowedRoutes.namespaces.from is Same by default (routes of the Gateway's own namespace), All, or Selector (Namespaces whose labels match; judged only when the Namespace object is in the input), and allowedRoutes.kinds (by default the kinds the protocol carries: HTTPRoute and GRPCRoute on HTTP and HTTPS). A route no selected listener takes is not attached (Accepted: False, NotAllowedByListeners). Cross-namespace attachment is granted by the Gateway, not by a ReferenceGrant.",
    bad: `# Gateway in namespace infra, listener without allowedRoutes
# HTTPRoute in namespace shop:
parentRefs:
  - name: shared-gateway
    namespace: infra`,
    good: `# Gateway listener:
allowedRoutes:
  namespaces:
    from: All`,
  },
  check(ctx) {
    const g = gatewayObjectsOf(ctx);
    for (const route of g.routes) {
      for (const ref of route.parentRefs) {
        const gw = parentGateway(g, ref);
        if (!gw) continue;
        const listeners = selectedListeners(gw, ref);
        if (!listeners.length) continue; // gateway-parent-ref
        const verdicts = listeners.map((l) => admits(l, route, gw.namespace, g.namespaceLabels));
        if (verdicts.some((v) => v === undefined || v.ok)) continue;
        ctx.report(route.doc, {
          path: ref.path,
          message: `Gateway ${gw.namespace}/${gw.name} does not take ${route.kind} ${route.namespace}/${route.name}: ${verdicts.map((v) => v!.why).join('; ')}`,
          hint: 'Set allowedRoutes on the listener (namespaces.from: All or a Selector, kinds), or move the route into the namespace the listener takes.',
        });
      }
    }
  },
};
