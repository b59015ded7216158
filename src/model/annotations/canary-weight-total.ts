import { parseInteger, type AnnotationSpec } from './types.js';

export const canaryWeightTotal: AnnotationSpec<number> = {
  name: 'canary-weight-total',
  description: 'The total canary-weight is measured against (default 100).',
  parse: (value) => parseInteger(value, 1, 1_000_000),
  apply(t, v) {
    t.canary.weightTotal = v;
  },
};
