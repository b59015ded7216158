import { apiError } from '../k8s/field-error.js';
import { v1Ingresses } from '../helpers.js';
import { field } from '../../model/objects.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'ingress-spec',
    severity: 'error',
    category: 'api-server',
    description: 'An Ingress needs rules or a defaultBackend, and an http block needs at least one path.',
    details: 'The API server rejects an Ingress with neither spec.rules nor spec.defaultBackend, and an http block whose paths list is empty. A rule with a host and no http block is valid (it routes nothing by itself).',
    bad: `spec:
  rules:
    - host: shop.example.com
      http:
        paths: []`,
    good: `spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: shop, port: {number: 80}}}`,
  },
  check(ctx) {
    for (const ing of v1Ingresses(ctx)) {
      const { doc } = ing;
      const spec = field(doc.obj, 'spec');
      const rules = field(spec, 'rules');
      if ((rules === undefined || (Array.isArray(rules) && rules.length === 0)) && field(spec, 'defaultBackend') === undefined) {
        apiError(ctx, doc, ['spec'], 'Invalid value', { value: Array.isArray(rules) ? [] : null, detail: 'either `defaultBackend` or `rules` must be specified', hint: 'Add rules, or a defaultBackend for a catch-all Ingress.', at: spec === undefined ? [] : ['spec'] });
      }
      for (const rule of ing.rules) {
        const paths = field(doc.obj, ...rule.fieldPath, 'http', 'paths');
        if (Array.isArray(paths) && paths.length === 0) apiError(ctx, doc, [...rule.fieldPath, 'http', 'paths'], 'Required value', { detail: 'an http block needs at least one path', at: [...rule.fieldPath, 'http', 'paths'] });
      }
    }
  },
};
