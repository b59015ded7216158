import { apiError, nameErrors } from '../k8s/field-error.js';
import { hostName, isIPAddress } from '../k8s/names.js';
import { v1Ingresses } from '../helpers.js';
import { arr, field } from '../../model/objects.js';
import type { Rule } from '../types.js';

const HINT = 'Use a lower-case DNS name such as shop.example.com, or *.example.com for a wildcard.';

export const rule: Rule = {
  meta: {
    id: 'ingress-host',
    severity: 'error',
    category: 'api-server',
    description: 'Rule and TLS hosts must be lowercase DNS names; a wildcard only as the whole first label; rule hosts not IP addresses.',
    details: 'Hosts are lowercase RFC 1123 subdomains: no upper case, trailing dot, port, underscore or space. "*" may only be the whole first label and must be followed by at least two labels ("*.example.com"). A rule host that parses as an IP address is rejected; the same value in spec.tls[].hosts is accepted.',
    bad: `rules:
  - host: Shop.Example.com:443
  - host: 10.0.0.1
  - host: foo.*.example.com`,
    good: `rules:
  - host: shop.example.com
  - host: "*.example.com"`,
    supersedes: ['invalid-host'],
  },
  check(ctx) {
    for (const ing of v1Ingresses(ctx)) {
      const { doc } = ing;
      arr(field(doc.obj, 'spec', 'rules')).forEach((r, i) => {
        const host = field(r, 'host');
        if (typeof host !== 'string' || host === '') return;
        const path = ['spec', 'rules', i, 'host'];
        if (isIPAddress(host)) apiError(ctx, doc, path, 'Invalid value', { value: host, detail: 'must be a DNS name, not an IP address', hint: 'Leave host out to match every host, or use a DNS name.' });
        nameErrors(ctx, doc, path, host, hostName(host), HINT);
      });
      arr(field(doc.obj, 'spec', 'tls')).forEach((t, i) => {
        arr(field(t, 'hosts')).forEach((host, k) => {
          if (typeof host === 'string') nameErrors(ctx, doc, ['spec', 'tls', i, 'hosts', k], host, hostName(host), HINT);
        });
      });
    }
  },
};
