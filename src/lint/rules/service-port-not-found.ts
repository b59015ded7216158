import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'service-port-not-found',
    severity: STAGE_RULES['service-port-not-found'],
    category: 'cross-object',
    description: 'A backend names a port (by number or name) the Service does not have.',
    details: 'The port of an Ingress backend is the Service port (spec.ports[].port or its name), not the container port. The message lists the ports the Service has.',
    bad: `# Service web: ports: [{name: http, port: 80, targetPort: 8080}]
backend:
  service:
    name: web
    port:
      number: 8080`,
    good: `backend:
  service:
    name: web
    port:
      number: 80`,
    fromModel: true,
  },
};
