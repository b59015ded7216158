import type { Rule } from '../types.js';

// Reported by the emitters (src/emit/target-findings.ts), never by lint's own checks: documented here with the other rules.
export const rule: Rule = {
  meta: {
    id: 'target-unsupported',
    severity: 'warning',
    category: 'targets',
    description: "The target cannot express what the manifest asks (for example limit-connections on Envoy, a canary whose backend has no address on nginx); it is left out.",
    details: "Each target renders the same route model; what one of them has no equivalent for is reported with this rule at the field that asked for it, never dropped silently. The support matrix (docs/annotations.md) lists what each target honours. Reported by `render` and the engines of `test`.",
    bad: "metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/limit-connections: \"2\"   # render --target envoy",
    good: "metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/limit-rps: \"5\"",
    fromTarget: true,
  },
};
