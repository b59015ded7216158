import { parseHeaderName, type AnnotationSpec } from './types.js';

export const canaryByHeader: AnnotationSpec<string> = {
  name: 'canary-by-header',
  description: 'A request header that decides: "always" sends to the canary, "never" to the main backend (or canary-by-header-value / -pattern decide).',
  parse: parseHeaderName,
  apply(t, v) {
    t.canary.header = v;
  },
};
