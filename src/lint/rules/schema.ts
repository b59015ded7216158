import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'schema',
    severity: STAGE_RULES['schema'],
    category: 'api-server',
    description: 'A field is unknown, of the wrong type, missing where required, or not one of the allowed values.',
    details:
      'Every Ingress, IngressClass, Service, Secret, Endpoints and EndpointSlice is checked against the JSON Schema of its apiVersion, as strict field validation in kubectl (the default since 1.27) does. Unknown fields get a did-you-mean; v1beta1 field names used under v1 (serviceName, servicePort, backend) name their v1 spelling. Gateway API GatewayClass, Gateway, HTTPRoute, GRPCRoute and ReferenceGrant (v1 and v1beta1 where served) are checked against the OpenAPI schema of their CRD (standard channel, v1.6.1) after its defaults are applied, as the API server does; the CRD\'s CEL rules are reported as crd-validation.',
    bad: `backend:
  serviceName: web
  servicePort: 80`,
    good: `backend:
  service:
    name: web
    port:
      number: 80`,
    fromModel: true,
    // the route model's own check of a field the schema already refused (a v1beta1 backend in v1 form): one finding
    supersedes: ['gateway-invalid-match', 'gateway-invalid-filter', 'invalid-backend'],
  },
};
