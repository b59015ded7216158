import type { Rule } from '../types.js';

// Reported by the emitters (src/emit/target-findings.ts), never by lint's own checks: documented here with the other rules.
export const rule: Rule = {
  meta: {
    id: 'target-approximate',
    severity: 'info',
    category: 'targets',
    description: "The target expresses what the manifest asks only approximately (say a canary weight rounded to two decimals, or nginx matching a regex path on the percent-decoded path); the finding says how.",
    details: "Where a target cannot match the model exactly, `render` says how it differs, at the field that caused it, so a difference between `explain` and the running proxy is never a surprise. Reported by `render` and the engines of `test`.",
    bad: "metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/canary-weight: \"1\"\n    nginx.ingress.kubernetes.io/canary-weight-total: \"3\"",
    good: "metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/canary-weight: \"25\"\n    nginx.ingress.kubernetes.io/canary-weight-total: \"100\"",
    fromTarget: true,
  },
};
