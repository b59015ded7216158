import { parseBoolean, type AnnotationSpec } from './types.js';

export const useRegex: AnnotationSpec<boolean> = {
  name: 'use-regex',
  description: 'ImplementationSpecific paths of this Ingress are regular expressions (case-insensitive, anchored at the start).',
  parse: parseBoolean,
  apply(t, v) {
    t.useRegex = t.useRegex || v;
  },
};
