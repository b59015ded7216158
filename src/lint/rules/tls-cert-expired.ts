import { certificateSecrets } from '../tls-certs.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'tls-cert-expired',
    severity: 'error',
    category: 'cross-object',
    description: 'A TLS certificate has expired (or is not yet valid) at --now, default the current time.',
    details: 'Clients refuse an expired certificate outright. The check is made against --now <RFC 3339 time> when given, so CI results are reproducible.',
    bad: `# tls.crt valid until 2024-01-01T00:00:00Z
ingressctl lint --now 2025-06-01T00:00:00Z .`,
    good: `# renew the certificate in the Secret`,
  },
  check(ctx) {
    const now = ctx.options.now.getTime();
    for (const use of certificateSecrets(ctx)) {
      const { validFrom, validTo } = use.cert;
      if (Date.parse(validTo) < now) ctx.report(use.secret, { path: use.certPath, message: `the certificate in Secret ${use.secret.namespace}/${use.secret.name} expired on ${validTo}`, hint: 'Renew the certificate.' });
      else if (Date.parse(validFrom) > now) ctx.report(use.secret, { path: use.certPath, message: `the certificate in Secret ${use.secret.namespace}/${use.secret.name} is not valid before ${validFrom}`, hint: 'Check the clock of the machine that issued it, or --now.' });
    }
  },
};
