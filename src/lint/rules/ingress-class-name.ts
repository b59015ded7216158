import { nameErrors } from '../k8s/field-error.js';
import { dns1123Subdomain } from '../k8s/names.js';
import { v1Ingresses } from '../helpers.js';
import { field } from '../../model/objects.js';
import type { Rule } from '../types.js';

const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export const rule: Rule = {
  meta: {
    id: 'ingress-class-name',
    severity: 'error',
    category: 'api-server',
    description: 'spec.ingressClassName must be a DNS subdomain (an empty string is invalid) and agree with the kubernetes.io/ingress.class annotation.',
    details: 'When both spec.ingressClassName and the legacy annotation kubernetes.io/ingress.class are set, the API server requires them to be equal on create. Leave ingressClassName out rather than setting it to "".',
    bad: `metadata:
  annotations:
    kubernetes.io/ingress.class: traefik
spec:
  ingressClassName: nginx`,
    good: `spec:
  ingressClassName: nginx`,
  },
  check(ctx) {
    for (const ing of v1Ingresses(ctx)) {
      const { doc } = ing;
      const name = field(doc.obj, 'spec', 'ingressClassName');
      if (typeof name === 'string') nameErrors(ctx, doc, ['spec', 'ingressClassName'], name, dns1123Subdomain(name), name === '' ? 'Leave ingressClassName out to use the default class.' : undefined);
      const ann = ing.classFromAnnotation;
      if (typeof name === 'string' && ann !== undefined && ann !== name) {
        // the API server names this field without "metadata."
        ctx.report(doc, { path: ['metadata', 'annotations', CLASS_ANNOTATION], message: `annotations.${CLASS_ANNOTATION}: Invalid value ${JSON.stringify(ann)}: must match \`ingressClassName\` when both are specified`, hint: 'Remove the annotation; spec.ingressClassName replaces it.' });
      }
    }
  },
};
