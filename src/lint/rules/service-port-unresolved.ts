import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'service-port-unresolved',
    severity: 'error',
    category: 'cross-object',
    description: 'A backend names its port by name and the Service is not in the input, so the port number is unknown.',
    details: 'An error when other Services are given (the Service is missing), a warning when no Service is given at all (the input is only partial). Give the Service manifest, or use the port number.',
    bad: `backend:
  service:
    name: web       # no Service web in the input
    port:
      name: http`,
    good: `backend:
  service:
    name: web
    port:
      number: 80`,
    fromModel: true,
    keepModelSeverity: true,
  },
};
