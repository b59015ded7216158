import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'invalid-input',
    severity: STAGE_RULES['invalid-input'],
    category: 'input',
    description: 'A file given as input is not manifest text (binary, not UTF-8, or too large).',
    details: 'Lint reports such a file and goes on with the others. Paths that cannot be read at all (missing, no permission) are usage errors instead (exit 2).',
    bad: `ingressctl lint manifests/ logo.png.yaml`,
    good: `ingressctl lint manifests/`,
    fromModel: true,
  },
};
