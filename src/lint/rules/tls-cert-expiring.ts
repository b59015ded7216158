import { certificateSecrets } from '../tls-certs.js';
import type { Rule } from '../types.js';

const DAYS = 30;

export const rule: Rule = {
  meta: {
    id: 'tls-cert-expiring',
    severity: 'warning',
    category: 'cross-object',
    description: `A TLS certificate expires within ${DAYS} days of --now (default the current time).`,
    details: 'A warning ahead of tls-cert-expired, so a renewal can be planned. Judged against --now when given.',
    bad: `# tls.crt valid until 2025-06-10T00:00:00Z
ingressctl lint --now 2025-06-01T00:00:00Z .`,
    good: `# renew the certificate before the last 30 days`,
  },
  check(ctx) {
    const now = ctx.options.now.getTime();
    for (const use of certificateSecrets(ctx)) {
      const end = Date.parse(use.cert.validTo);
      if (end < now || end - now > DAYS * 86400_000) continue;
      const days = Math.floor((end - now) / 86400_000);
      ctx.report(use.secret, { path: use.certPath, message: `the certificate in Secret ${use.secret.namespace}/${use.secret.name} expires on ${use.cert.validTo}, in ${days} day${days === 1 ? '' : 's'}`, hint: 'Renew the certificate.' });
    }
  },
};
