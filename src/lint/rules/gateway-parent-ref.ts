import { gatewayObjectsOf, parentGateway } from '../gateway.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-parent-ref',
    severity: 'error',
    category: 'cross-object',
    description: 'A route names a Gateway, listener (sectionName) or port that is not in the input (reported when any Gateway is given).',
    details:
      'An HTTPRoute or GRPCRoute attaches through spec.parentRefs. A parentRef to a Gateway that does not exist, or whose sectionName or port names no listener of that Gateway, attaches the route to nothing: its traffic is not routed. When the input holds no Gateway at all, lint cannot know and says nothing.',
    bad: `parentRefs:
  - name: shop-gateway
    sectionName: htps     # the listener is called https`,
    good: `parentRefs:
  - name: shop-gateway
    sectionName: https`,
  },
  check(ctx) {
    const g = gatewayObjectsOf(ctx);
    if (!g.gateways.size) return;
    for (const route of g.routes) {
      for (const ref of route.parentRefs) {
        if (ref.group !== 'gateway.networking.k8s.io' || ref.kind !== 'Gateway') continue;
        const gw = parentGateway(g, ref);
        if (!gw) {
          const names = [...g.gateways.keys()].join(', ');
          ctx.report(route.doc, { path: [...ref.path, 'name'], message: `Gateway ${ref.namespace}/${ref.name} is not in the input`, hint: `Gateways in the input: ${names}. A parentRef without namespace means the route's own namespace (${route.namespace}).` });
          continue;
        }
        const names = gw.listeners.map((l) => l.name);
        if (ref.sectionName !== undefined && !names.includes(ref.sectionName)) {
          ctx.report(route.doc, { path: [...ref.path, 'sectionName'], message: `Gateway ${gw.namespace}/${gw.name} has no listener named "${ref.sectionName}"`, hint: `Its listeners: ${names.join(', ') || '(none)'}.` });
          continue;
        }
        if (ref.port !== undefined && !gw.listeners.some((l) => l.port === ref.port && (ref.sectionName === undefined || l.name === ref.sectionName))) {
          const where = ref.sectionName !== undefined ? `listener "${ref.sectionName}" of Gateway ${gw.namespace}/${gw.name}` : `Gateway ${gw.namespace}/${gw.name}`;
          ctx.report(route.doc, { path: [...ref.path, 'port'], message: `${where} does not listen on port ${ref.port}`, hint: `Its listener ports: ${[...new Set(gw.listeners.map((l) => l.port))].join(', ') || '(none)'}.` });
        }
      }
    }
  },
};
