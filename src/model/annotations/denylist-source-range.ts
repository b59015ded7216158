import { closeRoutes, parseCidrList, type AnnotationSpec } from './types.js';
import type { Cidr } from '../policy.js';

export const denylistSourceRange: AnnotationSpec<Cidr[]> = {
  name: 'denylist-source-range',
  description: 'Clients from these networks (comma-separated CIDRs) get 403, even when an allow-list names them.',
  parse: parseCidrList,
  apply(t, v) {
    t.ranges.deny = v;
  },
  invalid: closeRoutes('denylist-source-range'),
};
