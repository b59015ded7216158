import { apiError, nameErrors } from '../k8s/field-error.js';
import { dns1035Label, dns1123Label, dns1123Subdomain } from '../k8s/names.js';
import { parityDocs } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'object-name',
    severity: 'error',
    category: 'api-server',
    description: 'metadata.name (or generateName) and metadata.namespace must be valid names for the kind.',
    details: 'Ingress, IngressClass and Secret names, and those of the Gateway API objects (custom resources), are lowercase RFC 1123 subdomains (up to 253 characters); Service names are DNS-1035 labels (up to 63 characters, starting with a letter), because they become DNS names. A namespace is a lowercase RFC 1123 label.',
    bad: `kind: Service
metadata:
  name: 1-web`,
    good: `kind: Service
metadata:
  name: web-1`,
  },
  check(ctx) {
    for (const doc of parityDocs(ctx)) {
      const meta = doc.obj.metadata;
      const nameCheck = doc.kind === 'Service' ? dns1035Label : dns1123Subdomain;
      const hint = doc.kind === 'Service' ? 'Use lower-case letters, digits and "-", starting with a letter, at most 63 characters.' : 'Use lower-case letters, digits, "-" and ".".';
      const name = meta?.name;
      const generate = meta?.generateName;
      if (typeof name === 'string' && name !== '') nameErrors(ctx, doc, ['metadata', 'name'], name, nameCheck(name), hint);
      else if (typeof generate === 'string' && generate !== '') {
        const masked = generate.endsWith('-') ? generate.slice(0, -1) + 'a' : generate;
        nameErrors(ctx, doc, ['metadata', 'generateName'], generate, nameCheck(masked), hint);
      } else if (name === undefined || name === '') {
        apiError(ctx, doc, ['metadata', 'name'], 'Required value', { detail: 'name or generateName is required', at: meta ? ['metadata'] : [] });
      }
      const ns = meta?.namespace;
      if (doc.kind !== 'IngressClass' && doc.kind !== 'GatewayClass' && typeof ns === 'string' && ns !== '') nameErrors(ctx, doc, ['metadata', 'namespace'], ns, dns1123Label(ns));
    }
  },
};
