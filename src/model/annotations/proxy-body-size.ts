import { parseSize, type AnnotationSpec } from './types.js';

export const proxyBodySize: AnnotationSpec<number> = {
  name: 'proxy-body-size',
  description: 'Largest request body accepted (413 beyond it); 0 means no limit. Default 1m.',
  parse: parseSize,
  apply(t, v) {
    t.policy.bodySizeLimit = v;
  },
};
