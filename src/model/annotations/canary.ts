import { parseBoolean, type AnnotationSpec } from './types.js';

export const canary: AnnotationSpec<boolean> = {
  name: 'canary',
  description: 'This Ingress is the canary of the Ingress with the same host, path and pathType: an alternative backend chosen by header, cookie or weight. Its other annotations are ignored (the main route\'s apply).',
  parse: parseBoolean,
  apply(t, v) {
    t.canary.enabled = v;
  },
};
