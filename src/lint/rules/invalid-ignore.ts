import { closest } from '../../util/did-you-mean.js';
import { ignoresOf } from '../suppress.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'invalid-ignore',
    severity: 'warning',
    category: 'input',
    description: 'An ignore-check.ingressctl.io/<rule-id> annotation has no reason, or names no rule; such an ignore does not apply.',
    details: 'Per-object suppression needs a reason, so that a reviewer can judge it later: ignore-check.ingressctl.io/<rule-id>: "<why this is fine>". An ignore with an empty value hides nothing.',
    bad: `ignore-check.ingressctl.io/plain-http-only: ""`,
    good: `ignore-check.ingressctl.io/plain-http-only: "internal host, TLS ends at the load balancer"`,
  },
  check(ctx) {
    for (const doc of ctx.documents) {
      for (const ig of ignoresOf(doc)) {
        const path = ['metadata', 'annotations', ig.key];
        if (!ctx.ruleIds.includes(ig.ruleId)) {
          const guess = closest(ig.ruleId, ctx.ruleIds);
          ctx.report(doc, { path, at: 'key', message: `${ig.key} names no rule${guess ? ` (did you mean ${guess}?)` : ''}; it hides nothing`, hint: 'Use a rule id from docs/rules.md.' });
        } else if (ig.reason === '') {
          ctx.report(doc, { path, message: `${ig.key} has no reason, so it does not apply`, hint: 'Say why the finding is acceptable: the value is the reason.' });
        }
      }
    }
  },
};
