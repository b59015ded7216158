import type { Rule } from '../types.js';

// Reported by the emitters (src/emit/target-findings.ts), never by lint's own checks: documented here with the other rules.
export const rule: Rule = {
  meta: {
    id: 'target-unsafe-value',
    severity: 'error',
    category: 'targets',
    description: "A value from the manifest cannot be written into the target's configuration safely (nginx, HAProxy, Envoy): it is refused, and the route closes (503) or the feature is left out.",
    details: "Every value from a manifest is validated once by the model and written through the target's one quote function, which chooses the escaping from where the value lands. A value that still cannot be written as plain text there (a host that is no DNS name, a Secret name that cannot name a file, an upstream that is no address, a value too long for one nginx token) is never written: the target reports it with this rule at the field it came from, and closes the route or leaves the feature out rather than opening it. Reported by `render` and the engines of `test`.",
    bad: `- path: /aaaa…   # 2,100 characters: longer than nginx reads in one token (render --target nginx)
  pathType: Prefix`,
    good: `- path: /a
  pathType: Prefix`,
    fromTarget: true,
  },
};
