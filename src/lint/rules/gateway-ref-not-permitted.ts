import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-ref-not-permitted',
    severity: STAGE_RULES['gateway-ref-not-permitted'],
    category: 'cross-object',
    description: 'A route backendRef or a Gateway listener certificateRef reaches into another namespace without a ReferenceGrant there that allows it.',
    details:
      "A reference to an object in another namespace is only valid when a ReferenceGrant in the target namespace lists the referring kind and namespace in spec.from and the target kind (and name, if given) in spec.to. Without one the reference is ResolvedRefs=False (RefNotPermitted): a route's backendRef answers 500 for its share of the traffic; a listener's certificateRef leaves the listener serving a self-signed certificate.",
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
    fromModel: true,
  },
};
