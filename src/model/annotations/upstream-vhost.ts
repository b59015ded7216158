import { DNS_NAME, show, type AnnotationSpec } from './types.js';

export const upstreamVhost: AnnotationSpec<string> = {
  name: 'upstream-vhost',
  description: 'The Host header the upstream receives instead of the client\'s: a host name, optionally with :port.',
  parse(value) {
    const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(value);
    if (!m || !DNS_NAME.test(m[1]) || (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535))) {
      return { ok: false, message: `must be a host name, optionally with :port, not ${show(value)}`, hint: 'nginx variables such as $host are not supported.' };
    }
    return { ok: true, value: value.toLowerCase() };
  },
  apply(t, v) {
    t.policy.upstreamHost = v;
  },
};
