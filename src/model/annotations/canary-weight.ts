import { parseInteger, type AnnotationSpec } from './types.js';

export const canaryWeight: AnnotationSpec<number> = {
  name: 'canary-weight',
  description: 'Out of canary-weight-total (default 100), how many requests go to the canary at random (default 0).',
  parse: (value) => parseInteger(value, 0, 1_000_000),
  apply(t, v) {
    t.canary.weight = v;
  },
};
