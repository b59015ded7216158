import { apiError, nameErrors } from '../k8s/field-error.js';
import { dns1123Label, dns1123Subdomain, pathSegmentName } from '../k8s/names.js';
import { docsOf, isRecord } from '../helpers.js';
import { field } from '../../model/objects.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'ingressclass-parameters',
    severity: 'error',
    category: 'api-server',
    description: 'IngressClass spec.parameters: valid apiGroup, kind and name; scope Cluster (the default) or Namespace; a namespace exactly when the scope is Namespace.',
    details: 'scope defaults to Cluster, so a parameters block with a namespace but no scope is rejected: with scope Cluster a namespace is forbidden, even "". With scope Namespace the namespace is required and must be a DNS label. kind and name may not be "." or "..", nor contain "/" or "%".',
    bad: `parameters:
  kind: IngressParameters
  name: external
  namespace: ingress`,
    good: `parameters:
  kind: IngressParameters
  name: external
  scope: Namespace
  namespace: ingress`,
  },
  check(ctx) {
    for (const doc of docsOf(ctx, 'networking.k8s.io/v1', 'IngressClass')) {
      const p = field(doc.obj, 'spec', 'parameters');
      if (!isRecord(p)) continue;
      const base = ['spec', 'parameters'];
      if (typeof p.apiGroup === 'string') nameErrors(ctx, doc, [...base, 'apiGroup'], p.apiGroup, dns1123Subdomain(p.apiGroup), 'Leave apiGroup out for the core group.');
      for (const k of ['kind', 'name'] as const) {
        const v = p[k];
        if (v === '') apiError(ctx, doc, [...base, k], 'Required value', { at: [...base, k] });
        else if (typeof v === 'string') nameErrors(ctx, doc, [...base, k], v, pathSegmentName(v));
      }
      const scope = p.scope ?? 'Cluster';
      if (scope !== 'Cluster' && scope !== 'Namespace') {
        apiError(ctx, doc, [...base, 'scope'], 'Unsupported value', { value: scope, detail: 'supported values: "Cluster", "Namespace"' });
      } else if (scope === 'Namespace') {
        if (p.namespace === undefined || p.namespace === '') apiError(ctx, doc, [...base, 'namespace'], 'Required value', { detail: '`parameters.scope` is set to \'Namespace\'', at: p.namespace === undefined ? base : [...base, 'namespace'] });
        else if (typeof p.namespace === 'string') nameErrors(ctx, doc, [...base, 'namespace'], p.namespace, dns1123Label(p.namespace));
      } else if (p.namespace !== undefined) {
        apiError(ctx, doc, [...base, 'namespace'], 'Forbidden', { detail: `\`parameters.scope\` is set to 'Cluster'${p.scope === undefined ? ' (the default)' : ''}`, hint: 'Set scope: Namespace, or remove the namespace.' });
      }
    }
  },
};
