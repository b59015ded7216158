import { GATEWAY_GROUP } from '../../gateway/kinds.js';
import { referenceAllowed } from '../../gateway/read.js';
import { gatewayObjectsOf } from '../gateway.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-reference-grant',
    severity: 'error',
    category: 'cross-object',
    description: 'A route backendRef reaches into another namespace without a ReferenceGrant there that allows it.',
    details:
      'A reference from an HTTPRoute or GRPCRoute to a Service in another namespace is only valid when a ReferenceGrant in the target namespace lists the referring kind and namespace in spec.from and the target kind (and name, if given) in spec.to. Without one that backend answers 500 for its share of the traffic (ResolvedRefs: False, RefNotPermitted). (A Gateway listener\'s certificateRef to another namespace is gateway-ref-not-permitted.)',
    bad: `# HTTPRoute in namespace shop
backendRefs:
  - name: payments
    namespace: billing
    port: 80`,
    good: `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: shop-routes, namespace: billing}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
  to: [{group: "", kind: Service}]`,
  },
  check(ctx) {
    const g = gatewayObjectsOf(ctx);
    const hint = (fromKind: string, fromNs: string, toKind: string, toNs: string) =>
      `Add a ReferenceGrant in namespace ${toNs} with from: [{group: ${GATEWAY_GROUP}, kind: ${fromKind}, namespace: ${fromNs}}] and to: [{group: "", kind: ${toKind}}].`;
    for (const route of g.routes) {
      for (const rule of route.rules) {
        for (const ref of rule.backendRefs) {
          if (referenceAllowed(g.grants, { group: GATEWAY_GROUP, kind: route.kind, namespace: route.namespace }, ref)) continue;
          ctx.report(route.doc, { path: [...ref.path, 'namespace'], message: `${route.kind} ${route.namespace}/${route.name} may not refer to ${ref.kind} ${ref.namespace}/${ref.name}: no ReferenceGrant in namespace ${ref.namespace} allows it`, hint: hint(route.kind, route.namespace, ref.kind, ref.namespace) });
        }
      }
    }
  },
};
