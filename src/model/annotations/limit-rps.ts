import { parseInteger, type AnnotationSpec } from './types.js';

export const limitRps: AnnotationSpec<number> = {
  name: 'limit-rps',
  description: 'Requests per second accepted from one client address, with a burst of five times as many (503 beyond); 0 means no limit.',
  parse: (value) => parseInteger(value, 0, 1_000_000),
  apply(t, v) {
    t.limits.rps = v;
  },
};
