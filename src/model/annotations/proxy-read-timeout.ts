import { parseSeconds, type AnnotationSpec } from './types.js';

export const proxyReadTimeout: AnnotationSpec<number> = {
  name: 'proxy-read-timeout',
  description: 'Seconds to wait between two reads from the upstream (default 60).',
  parse: parseSeconds,
  apply(t, v) {
    t.policy.timeouts.read = v;
    t.policy.timeouts.given = { ...t.policy.timeouts.given, read: true };
  },
};
