import { isHostHeader } from '../validate-values.js';
import { show, type AnnotationSpec } from './types.js';

export const upstreamVhost: AnnotationSpec<string> = {
  name: 'upstream-vhost',
  description: 'The Host header the upstream receives instead of the client\'s: a host name, optionally with :port.',
  parse(value) {
    if (!isHostHeader(value) || value.endsWith('.')) {
      return { ok: false, message: `must be a host name, optionally with :port, not ${show(value)}`, hint: 'nginx variables such as $host are not supported.' };
    }
    return { ok: true, value: value.toLowerCase() };
  },
  apply(t, v) {
    t.policy.upstreamHost = v;
  },
};
