import { parseSeconds, type AnnotationSpec } from './types.js';

export const proxyConnectTimeout: AnnotationSpec<number> = {
  name: 'proxy-connect-timeout',
  description: 'Seconds to wait for a connection to the upstream (default 5).',
  parse: parseSeconds,
  apply(t, v) {
    t.policy.timeouts.connect = v;
  },
};
