import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'object-defined-twice',
    severity: STAGE_RULES['object-defined-twice'],
    category: 'input',
    description: 'The same object (kind, namespace, name) is defined in two places of the input.',
    details: 'Applied together, the later definition replaces the earlier one, so only the later one is read; the finding names both places. A file named twice (`lint a.yaml .`, `routes - -`) is read once and is not reported.',
    bad: `# base/web.yaml and overlay/web.yaml both hold
kind: Ingress
metadata:
  name: web`,
    good: `# one of them, or a different name for the second
kind: Ingress
metadata:
  name: web-canary`,
    fromModel: true,
  },
};
