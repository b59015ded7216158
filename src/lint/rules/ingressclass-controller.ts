import { apiError, nameErrors } from '../k8s/field-error.js';
import { domainPrefixedPath } from '../k8s/names.js';
import { docsOf } from '../helpers.js';
import { field } from '../../model/objects.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'ingressclass-controller',
    severity: 'error',
    category: 'api-server',
    description: 'IngressClass spec.controller is required, at most 250 bytes, and a domain-prefixed path such as k8s.io/ingress-nginx.',
    details: 'The controller field names the controller implementing the class: a DNS subdomain, "/", and a path. A bare name such as "nginx" is rejected. It cannot be changed after creation.',
    bad: `kind: IngressClass
spec:
  controller: nginx`,
    good: `kind: IngressClass
spec:
  controller: k8s.io/ingress-nginx`,
  },
  check(ctx) {
    for (const doc of docsOf(ctx, 'networking.k8s.io/v1', 'IngressClass')) {
      const c = field(doc.obj, 'spec', 'controller');
      const path = ['spec', 'controller'];
      if (c === undefined || c === '') apiError(ctx, doc, path, 'Required value', { hint: 'Set spec.controller, e.g. k8s.io/ingress-nginx.', at: field(doc.obj, 'spec') === undefined ? [] : c === undefined ? ['spec'] : path });
      else if (typeof c === 'string') {
        if (Buffer.byteLength(c) > 250) apiError(ctx, doc, path, 'Too long', { detail: 'may not be more than 250 bytes' });
        nameErrors(ctx, doc, path, c, domainPrefixedPath(c), 'Use <domain>/<path>, e.g. k8s.io/ingress-nginx.');
      }
    }
  },
};
