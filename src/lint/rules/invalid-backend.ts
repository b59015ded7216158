import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'invalid-backend',
    severity: STAGE_RULES['invalid-backend'],
    category: 'api-server',
    description: 'A backend whose Service name, port name or number, or namespace the API server would refuse; the route model leaves it out.',
    details: 'Names become upstream names, DNS names and file names in every target, so the route model takes only what the API server accepts: a DNS-1123 label of at most 63 characters for Service names and namespaces, an IANA service name of at most 15 for port names.',
    bad: `backend:
  service:
    name: Web_Frontend
    port:
      number: 80`,
    good: `backend:
  service:
    name: web-frontend
    port:
      number: 80`,
    fromModel: true,
  },
};
