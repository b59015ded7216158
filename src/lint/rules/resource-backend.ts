import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'resource-backend',
    severity: STAGE_RULES['resource-backend'],
    category: 'cross-object',
    description: 'A backend points at a resource (not a Service); a proxy cannot serve it, so the route is left out.',
    details: 'Resource backends are valid Kubernetes but only meaningful to controllers that know the resource kind (e.g. a storage bucket). ingressctl renders and serves Services only.',
    bad: `backend:
  resource:
    apiGroup: k8s.example.com
    kind: StorageBucket
    name: static-assets`,
    good: `backend:
  service:
    name: static
    port:
      number: 80`,
    fromModel: true,
  },
};
