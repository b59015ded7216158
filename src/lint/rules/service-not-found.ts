import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'service-not-found',
    severity: STAGE_RULES['service-not-found'],
    category: 'cross-object',
    description: 'A backend names a Service that is not in the input (reported when any Service is given).',
    details: 'The controller answers 503 for a route whose Service does not exist. When the input holds no Service at all, lint cannot know and reports services-not-given once instead.',
    bad: `backend:
  service:
    name: web-svc   # the Service is called web`,
    good: `backend:
  service:
    name: web`,
    fromModel: true,
  },
};
