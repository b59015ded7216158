import { closeRoutes, parseCidrList, type AnnotationSpec } from './types.js';
import type { Cidr } from '../policy.js';

export const allowlistSourceRange: AnnotationSpec<Cidr[]> = {
  name: 'allowlist-source-range',
  description: 'Only clients from these networks (comma-separated CIDRs) are served; others get 403. Wins over whitelist-source-range.',
  parse: parseCidrList,
  apply(t, v) {
    t.ranges.allow = v;
  },
  invalid: closeRoutes('allowlist-source-range'),
};
