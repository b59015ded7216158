import { parseBoolean, type AnnotationSpec } from './types.js';

export const serviceUpstream: AnnotationSpec<boolean> = {
  name: 'service-upstream',
  description: 'Send traffic to the Service\'s own address (its cluster IP or DNS name) instead of its endpoints.',
  parse: parseBoolean,
  apply(t, v) {
    t.policy.serviceUpstream = v;
  },
};
