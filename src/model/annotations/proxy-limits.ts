import { parseSeconds, parseSize, type AnnotationSpec } from './types.js';

export const proxyBodySize: AnnotationSpec<number> = {
  name: 'proxy-body-size',
  description: 'Largest request body accepted (413 beyond it); 0 means no limit. Default 1m.',
  parse: parseSize,
  apply(t, v) {
    t.policy.bodySizeLimit = v;
  },
};

function timeout(name: string, key: 'connect' | 'read' | 'send', what: string): AnnotationSpec<number> {
  return {
    name,
    description: `Seconds to wait ${what}.`,
    parse: parseSeconds,
    apply(t, v) {
      t.policy.timeouts[key] = v;
    },
  };
}

export const proxyConnectTimeout = timeout('proxy-connect-timeout', 'connect', 'for a connection to the upstream (default 5)');
export const proxyReadTimeout = timeout('proxy-read-timeout', 'read', 'between two reads from the upstream (default 60)');
export const proxySendTimeout = timeout('proxy-send-timeout', 'send', 'between two writes to the upstream (default 60)');
