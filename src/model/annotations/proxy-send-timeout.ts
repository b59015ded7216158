import { parseSeconds, type AnnotationSpec } from './types.js';

export const proxySendTimeout: AnnotationSpec<number> = {
  name: 'proxy-send-timeout',
  description: 'Seconds to wait between two writes to the upstream (default 60).',
  parse: parseSeconds,
  apply(t, v) {
    t.policy.timeouts.send = v;
    t.policy.timeouts.given = { ...t.policy.timeouts.given, send: true };
  },
};
