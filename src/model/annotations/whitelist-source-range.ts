import { closeRoutes, parseCidrList, type AnnotationSpec } from './types.js';
import type { Cidr } from '../policy.js';

export const whitelistSourceRange: AnnotationSpec<Cidr[]> = {
  name: 'whitelist-source-range',
  description: 'The older name of allowlist-source-range, read when that one is absent.',
  parse: parseCidrList,
  apply(t, v) {
    t.ranges.whitelist = v;
  },
  invalid: closeRoutes('whitelist-source-range'),
};
